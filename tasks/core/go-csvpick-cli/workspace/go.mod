module example.com/csvpick

go 1.19
