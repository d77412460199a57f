// Must NOT compile: built under a layer's rule by the tests layer_rule.<layer>_rejects_emscripten.
#include <emscripten/html5.h>
