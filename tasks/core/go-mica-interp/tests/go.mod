module micajudge

go 1.19
