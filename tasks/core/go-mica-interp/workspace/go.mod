module example.com/mica

go 1.19
