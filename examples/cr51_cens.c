/* nutmm-cr51-cens: the cr51-cens analysis (examples/experiments/cr51_cens.c) behind the shared command
 * line of cli.h: parse -> build the analysis by name -> library calls -> print. */
#include "cli.h"

int main(int argc, char **argv) { return cli_main("cr51-cens", argc, argv); }
