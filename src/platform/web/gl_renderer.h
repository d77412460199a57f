// Draws Dear ImGui's draw lists with WebGL 2, in place of ImGui's OpenGL3 backend.
//
// The widget owns its context alone, so the renderer sets the state it needs and never reads any
// back. In WebGL every glGet*, glIsEnabled and status query is a synchronous round trip to the GPU
// process that waits for all work queued before it (shader compiles, texture uploads); ImGui 1.86's
// backend makes dozens of them in every frame to back up and restore state. Here a frame only
// sends: positions go to the GPU already in clip space (no uniform to look up), the sampler is
// texture unit 0 (the default), and whether the shaders built is asked once, after the first frame
// is on screen (verify()).
#pragma once

#include <string>

struct ImDrawData;

namespace verji::web {

class GlRenderer {
 public:
  // Compiles and links the program and makes the buffers and the vertex array, without waiting for
  // any of it. After a context loss the old names are simply forgotten: call create() again.
  void create();

  // Uploads ImGui's font atlas as a one-channel texture (a quarter of RGBA's bytes) and sets it as
  // the atlas's texture id. Again after the atlas was rebuilt (a new devicePixelRatio).
  void upload_fonts();

  // Clears the framebuffer to `clear` (RGB, 0..1) and draws `data` into it. Rewrites the draw
  // lists' vertex positions to clip space on the way: call once per ImGui::Render().
  void render(ImDrawData& data, int framebuffer_w, int framebuffer_h, const float clear[3]);

  // The one query: whether the program compiled and linked. Empty when it did, else the reason
  // (the info logs). Call when the first frame has been presented, so it waits for nothing.
  [[nodiscard]] std::string verify() const;

 private:
  unsigned program_ = 0;
  unsigned vertex_shader_ = 0;
  unsigned fragment_shader_ = 0;
  unsigned vertex_array_ = 0;
  unsigned vertex_buffer_ = 0;
  unsigned index_buffer_ = 0;
  unsigned font_texture_ = 0;
  long vertex_capacity_ = 0;  // bytes the buffers hold now; they grow, never shrink
  long index_capacity_ = 0;
};

}  // namespace verji::web
