/* nutmm-coherent-csi: the coherent-csi analysis (examples/experiments/coherent_csi.c) behind the shared command
 * line of cli.h: parse -> build the analysis by name -> library calls -> print. */
#include "cli.h"

int main(int argc, char **argv) { return cli_main("coherent-csi", argc, argv); }
