// See gl_renderer.h. State set once per frame, every call a send: no glGet*, no glIsEnabled, no
// status query in a frame.
#include "gl_renderer.h"

#include <GLES3/gl3.h>
#include <imgui.h>

#include <cstddef>
#include <vector>

namespace verji::web {
namespace {

// Positions arrive in clip space (render() converts them), so the vertex shader has no uniform.
constexpr const char* kVertexShader =
    "#version 300 es\n"
    "layout (location = 0) in vec2 position;\n"
    "layout (location = 1) in vec2 uv;\n"
    "layout (location = 2) in vec4 color;\n"
    "out vec2 frag_uv;\n"
    "out vec4 frag_color;\n"
    "void main() {\n"
    "  frag_uv = uv;\n"
    "  frag_color = color;\n"
    "  gl_Position = vec4(position, 0.0, 1.0);\n"
    "}\n";

// The atlas holds coverage in its one channel; its white pixel is coverage 1 (solid fills).
constexpr const char* kFragmentShader =
    "#version 300 es\n"
    "precision mediump float;\n"
    "uniform sampler2D atlas;\n"
    "in vec2 frag_uv;\n"
    "in vec4 frag_color;\n"
    "layout (location = 0) out vec4 out_color;\n"
    "void main() {\n"
    "  out_color = vec4(frag_color.rgb, frag_color.a * texture(atlas, frag_uv).r);\n"
    "}\n";

GLuint compile(GLenum kind, const char* source) {
  const GLuint shader = glCreateShader(kind);
  glShaderSource(shader, 1, &source, nullptr);
  glCompileShader(shader);
  return shader;
}

// Points the three attributes at the vertex `first` of the bound vertex buffer: how a draw command
// with a VtxOffset is drawn without the base-vertex extension.
void point_attributes(std::size_t first) {
  const auto at = [first](std::size_t member) {
    return reinterpret_cast<const void*>(first * sizeof(ImDrawVert) + member);  // NOLINT: GL's offsets
  };
  constexpr auto stride = static_cast<GLsizei>(sizeof(ImDrawVert));
  glVertexAttribPointer(0, 2, GL_FLOAT, GL_FALSE, stride, at(offsetof(ImDrawVert, pos)));
  glVertexAttribPointer(1, 2, GL_FLOAT, GL_FALSE, stride, at(offsetof(ImDrawVert, uv)));
  glVertexAttribPointer(2, 4, GL_UNSIGNED_BYTE, GL_TRUE, stride, at(offsetof(ImDrawVert, col)));
}

std::string info_log(bool program, GLuint name) {
  GLint length = 0;
  if (program) {
    glGetProgramiv(name, GL_INFO_LOG_LENGTH, &length);
  } else {
    glGetShaderiv(name, GL_INFO_LOG_LENGTH, &length);
  }
  if (length <= 1) return {};
  std::string text(static_cast<std::size_t>(length), '\0');
  if (program) {
    glGetProgramInfoLog(name, length, nullptr, text.data());
  } else {
    glGetShaderInfoLog(name, length, nullptr, text.data());
  }
  text.resize(text.find('\0') == std::string::npos ? text.size() : text.find('\0'));
  return text;
}

// Scratch for one frame's vertices (in clip space) and indices; kept, so a frame allocates nothing.
std::vector<ImDrawVert> g_vertices;
std::vector<ImDrawIdx> g_indices;

}  // namespace

void GlRenderer::create() {
  vertex_shader_ = compile(GL_VERTEX_SHADER, kVertexShader);
  fragment_shader_ = compile(GL_FRAGMENT_SHADER, kFragmentShader);
  program_ = glCreateProgram();
  glAttachShader(program_, vertex_shader_);
  glAttachShader(program_, fragment_shader_);
  glLinkProgram(program_);

  glGenVertexArrays(1, &vertex_array_);
  glGenBuffers(1, &vertex_buffer_);
  glGenBuffers(1, &index_buffer_);
  glBindVertexArray(vertex_array_);
  glBindBuffer(GL_ARRAY_BUFFER, vertex_buffer_);
  glBindBuffer(GL_ELEMENT_ARRAY_BUFFER, index_buffer_);  // part of the vertex array's state
  for (GLuint attribute = 0; attribute < 3; ++attribute) glEnableVertexAttribArray(attribute);
  vertex_capacity_ = 0;
  index_capacity_ = 0;
  font_texture_ = 0;

  // The state every frame uses, set once: the context is the widget's alone.
  glUseProgram(program_);
  glEnable(GL_BLEND);
  glBlendEquation(GL_FUNC_ADD);
  glBlendFuncSeparate(GL_SRC_ALPHA, GL_ONE_MINUS_SRC_ALPHA, GL_ONE, GL_ONE_MINUS_SRC_ALPHA);
  glDisable(GL_CULL_FACE);
  glDisable(GL_DEPTH_TEST);
  glDisable(GL_STENCIL_TEST);
  glEnable(GL_SCISSOR_TEST);
  glActiveTexture(GL_TEXTURE0);
  glPixelStorei(GL_UNPACK_ALIGNMENT, 1);
  ImGui::GetIO().BackendFlags |= ImGuiBackendFlags_RendererHasVtxOffset;  // point_attributes()
}

void GlRenderer::upload_fonts() {
  ImFontAtlas& atlas = *ImGui::GetIO().Fonts;
  unsigned char* pixels = nullptr;
  int width = 0;
  int height = 0;
  atlas.GetTexDataAsAlpha8(&pixels, &width, &height);
  if (font_texture_ != 0) glDeleteTextures(1, &font_texture_);
  glGenTextures(1, &font_texture_);
  glBindTexture(GL_TEXTURE_2D, font_texture_);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_LINEAR);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_LINEAR);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_S, GL_CLAMP_TO_EDGE);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_T, GL_CLAMP_TO_EDGE);
  glTexImage2D(GL_TEXTURE_2D, 0, GL_R8, width, height, 0, GL_RED, GL_UNSIGNED_BYTE, pixels);
  atlas.SetTexID(reinterpret_cast<ImTextureID>(static_cast<std::intptr_t>(font_texture_)));  // NOLINT
}

void GlRenderer::render(ImDrawData& data, int framebuffer_w, int framebuffer_h, const float clear[3]) {
  glViewport(0, 0, framebuffer_w, framebuffer_h);
  glScissor(0, 0, framebuffer_w, framebuffer_h);
  glClearColor(clear[0], clear[1], clear[2], 1.0f);
  glClear(GL_COLOR_BUFFER_BIT);
  if (data.TotalVtxCount == 0 || data.DisplaySize.x <= 0.0f || data.DisplaySize.y <= 0.0f) return;

  // One upload per frame: every list's vertices (in clip space) and indices, one after another.
  const float sx = 2.0f / data.DisplaySize.x;
  const float sy = -2.0f / data.DisplaySize.y;
  const ImVec2 origin = data.DisplayPos;
  g_vertices.clear();
  g_indices.clear();
  for (int n = 0; n < data.CmdListsCount; ++n) {
    const ImDrawList& list = *data.CmdLists[n];
    for (const ImDrawVert& v : list.VtxBuffer) {
      ImDrawVert out = v;
      out.pos = ImVec2((v.pos.x - origin.x) * sx - 1.0f, (v.pos.y - origin.y) * sy + 1.0f);
      g_vertices.push_back(out);
    }
    g_indices.insert(g_indices.end(), list.IdxBuffer.begin(), list.IdxBuffer.end());
  }
  const auto vertex_bytes = static_cast<long>(g_vertices.size() * sizeof(ImDrawVert));
  const auto index_bytes = static_cast<long>(g_indices.size() * sizeof(ImDrawIdx));
  glBindVertexArray(vertex_array_);
  glBindBuffer(GL_ARRAY_BUFFER, vertex_buffer_);
  if (vertex_bytes > vertex_capacity_) {
    glBufferData(GL_ARRAY_BUFFER, vertex_bytes, g_vertices.data(), GL_STREAM_DRAW);
    vertex_capacity_ = vertex_bytes;
  } else {
    glBufferSubData(GL_ARRAY_BUFFER, 0, vertex_bytes, g_vertices.data());
  }
  if (index_bytes > index_capacity_) {
    glBufferData(GL_ELEMENT_ARRAY_BUFFER, index_bytes, g_indices.data(), GL_STREAM_DRAW);
    index_capacity_ = index_bytes;
  } else {
    glBufferSubData(GL_ELEMENT_ARRAY_BUFFER, 0, index_bytes, g_indices.data());
  }

  constexpr GLenum kIndexType = sizeof(ImDrawIdx) == 2 ? GL_UNSIGNED_SHORT : GL_UNSIGNED_INT;
  std::size_t list_vertices = 0;  // where the current list starts in the buffers
  std::size_t list_indices = 0;
  std::size_t pointed = static_cast<std::size_t>(-1);  // the vertex the attributes point at
  GLuint bound = 0;
  const ImVec2 clip_origin = data.DisplayPos;
  for (int n = 0; n < data.CmdListsCount; ++n) {
    const ImDrawList& list = *data.CmdLists[n];
    for (const ImDrawCmd& cmd : list.CmdBuffer) {
      if (cmd.UserCallback != nullptr) {
        if (cmd.UserCallback != ImDrawCallback_ResetRenderState) cmd.UserCallback(&list, &cmd);
        continue;
      }
      const float x0 = cmd.ClipRect.x - clip_origin.x;
      const float y0 = cmd.ClipRect.y - clip_origin.y;
      const float x1 = cmd.ClipRect.z - clip_origin.x;
      const float y1 = cmd.ClipRect.w - clip_origin.y;
      if (x1 <= x0 || y1 <= y0) continue;
      glScissor(static_cast<GLint>(x0), static_cast<GLint>(static_cast<float>(framebuffer_h) - y1),
                static_cast<GLsizei>(x1 - x0), static_cast<GLsizei>(y1 - y0));
      const auto texture = static_cast<GLuint>(reinterpret_cast<std::intptr_t>(cmd.GetTexID()));  // NOLINT
      if (texture != bound) {
        glBindTexture(GL_TEXTURE_2D, texture);
        bound = texture;
      }
      const std::size_t first = list_vertices + cmd.VtxOffset;
      if (first != pointed) {
        point_attributes(first);
        pointed = first;
      }
      glDrawElements(
          GL_TRIANGLES, static_cast<GLsizei>(cmd.ElemCount), kIndexType,
          reinterpret_cast<const void*>((list_indices + cmd.IdxOffset) * sizeof(ImDrawIdx)));  // NOLINT
    }
    list_vertices += static_cast<std::size_t>(list.VtxBuffer.Size);
    list_indices += static_cast<std::size_t>(list.IdxBuffer.Size);
  }
  glScissor(0, 0, framebuffer_w, framebuffer_h);  // the next frame's clear covers the whole canvas
}

std::string GlRenderer::verify() const {
  GLint linked = GL_FALSE;
  glGetProgramiv(program_, GL_LINK_STATUS, &linked);
  if (linked == GL_TRUE) return {};
  std::string reason = "the WebGL program did not link";
  for (const std::string& log :
       {info_log(false, vertex_shader_), info_log(false, fragment_shader_), info_log(true, program_)}) {
    if (!log.empty()) reason += ": " + log;
  }
  return reason;
}

}  // namespace verji::web
