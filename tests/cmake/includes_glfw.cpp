// Must NOT compile: built under a layer's rule by the tests layer_rule.<layer>_rejects_glfw.
#include <GLFW/glfw3.h>
