// Must NOT compile: compiled with the core's purity rule by the test core_purity_rejects_imgui.
#include <imgui.h>
