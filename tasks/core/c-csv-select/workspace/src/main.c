#include <stdio.h>

#include "csvsel.h"

int main(int argc, char **argv) { return csvsel_main(argc, argv, stdin, stdout, stderr); }
