module example.com/gotr

go 1.19
