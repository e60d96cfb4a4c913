/* nutmm-xenon1t: the xenon1t analysis (examples/experiments/xenon1t.c) behind the shared command
 * line of cli.h: parse -> build the analysis by name -> library calls -> print. */
#include "cli.h"

int main(int argc, char **argv) { return cli_main("xenon1t", argc, argv); }
