module gotrjudge

go 1.19
