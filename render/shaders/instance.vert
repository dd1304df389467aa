#version 450
// Oriented rectangles, one instance each (vehicles, signal heads): six vertices per instance
// generated from gl_VertexIndex, no vertex buffer.
layout(location = 0) in vec2 in_centre;     // metres
layout(location = 1) in float in_heading;   // rad, counter-clockwise from +x
layout(location = 2) in vec2 in_half_size;  // half length (along heading), half width; metres
layout(location = 3) in vec4 in_colour;

layout(push_constant) uniform Push {
  vec4 transform;       // clip = world * transform.xy + transform.zw
  float min_half_size;  // metres: keeps instances visible (a few pixels) when zoomed out
} push;

layout(location = 0) out vec4 out_colour;

const vec2 kCorners[6] = vec2[](vec2(-1.0, -1.0), vec2(1.0, -1.0), vec2(1.0, 1.0),
                                vec2(-1.0, -1.0), vec2(1.0, 1.0), vec2(-1.0, 1.0));

void main() {
  vec2 half_size = max(in_half_size, vec2(push.min_half_size));
  vec2 local = kCorners[gl_VertexIndex] * half_size;
  float c = cos(in_heading);
  float s = sin(in_heading);
  vec2 world = in_centre + vec2(c * local.x - s * local.y, s * local.x + c * local.y);
  gl_Position = vec4(world * push.transform.xy + push.transform.zw, 0.0, 1.0);
  out_colour = in_colour;
}
