// Must NOT compile: built under a layer's rule by the tests layer_rule.<layer>_rejects_gl.
#include <GLES3/gl3.h>
