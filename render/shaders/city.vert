#version 450
// Static city layer: world-space triangles (metres) with a per-vertex colour.
layout(location = 0) in vec2 in_position;
layout(location = 1) in vec4 in_colour;

layout(push_constant) uniform Push {
  vec4 transform;  // clip = world * transform.xy + transform.zw
  float min_half_size;
} push;

layout(location = 0) out vec4 out_colour;

void main() {
  gl_Position = vec4(in_position * push.transform.xy + push.transform.zw, 0.0, 1.0);
  out_colour = in_colour;
}
