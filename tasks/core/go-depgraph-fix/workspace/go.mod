module example.com/depgraph

go 1.19
