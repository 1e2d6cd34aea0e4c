module example.com/jsonpatch

go 1.19
