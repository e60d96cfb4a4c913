/* nutmm-coherent-lar: the coherent-lar analysis (examples/experiments/coherent_lar.c) behind the shared command
 * line of cli.h: parse -> build the analysis by name -> library calls -> print. */
#include "cli.h"

int main(int argc, char **argv) { return cli_main("coherent-lar", argc, argv); }
