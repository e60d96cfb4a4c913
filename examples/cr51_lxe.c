/* nutmm-cr51-lxe: the cr51-lxe analysis (examples/experiments/cr51_lxe.c) behind the shared command
 * line of cli.h: parse -> build the analysis by name -> library calls -> print. */
#include "cli.h"

int main(int argc, char **argv) { return cli_main("cr51-lxe", argc, argv); }
