/* nutmm-cenns750: the cenns750 analysis (examples/experiments/cenns750.c) behind the shared command
 * line of cli.h: parse -> build the analysis by name -> library calls -> print. */
#include "cli.h"

int main(int argc, char **argv) { return cli_main("cenns750", argc, argv); }
