/* nutmm-xenonnt: the xenonnt analysis (examples/experiments/xenonnt.c) behind the shared command
 * line of cli.h: parse -> build the analysis by name -> library calls -> print. */
#include "cli.h"

int main(int argc, char **argv) { return cli_main("xenonnt", argc, argv); }
