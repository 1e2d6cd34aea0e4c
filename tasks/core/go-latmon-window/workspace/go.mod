module example.com/latmon

go 1.19
