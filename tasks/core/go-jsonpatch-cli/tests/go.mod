module jsonpatchjudge

go 1.19
