// The widget executable: widget.js + widget.wasm.
#include "web_runner.h"

int main() { return verji::web::run(); }
