module csvpickjudge

go 1.19
