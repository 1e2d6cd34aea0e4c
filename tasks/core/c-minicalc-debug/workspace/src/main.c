#include <stdio.h>

#include "calc.h"

int main(void) { return calc_repl(stdin, stdout); }
