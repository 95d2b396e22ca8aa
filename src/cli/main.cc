#include "cli/app.h"

int main(int argc, char** argv) { return kops::cli::Run(argc, argv); }
