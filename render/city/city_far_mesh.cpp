#include "render/city/city_far_mesh.hpp"

#include <algorithm>

namespace citytwin::render {

bool use_far_city_mesh(double pixels_per_metre) {
  return kReferenceLaneWidth * pixels_per_metre < kMinLanePixels;
}

CityMesh build_far_city_mesh(const Network& network, const CityMesh& full) {
  CityMesh far;
  auto begin_layer = [&far](CityLayer layer) {
    far.layer_start[static_cast<std::size_t>(layer)] =
        static_cast<std::uint32_t>(far.vertices.size());
  };
  begin_layer(CityLayer::kSidewalk);
  begin_layer(CityLayer::kJunction);
  // Each junction area as its bounding box (two triangles instead of a fan of ten or so): at
  // these zooms a junction is a pixel or three, and at 1M vehicles the fans were half of the far
  // mesh. The fans of build_city_mesh share their first vertex, which tells the junctions apart.
  const auto junctions = full.layer(CityLayer::kJunction);
  for (std::size_t t = 0; t < junctions.size();) {
    const CityVertex& centre = junctions[t];
    float min_x = centre.x;
    float min_y = centre.y;
    float max_x = centre.x;
    float max_y = centre.y;
    for (; t < junctions.size() && junctions[t].x == centre.x && junctions[t].y == centre.y;
         t += 3) {
      for (std::size_t k = t; k < t + 3; ++k) {
        min_x = std::min(min_x, junctions[k].x);
        min_y = std::min(min_y, junctions[k].y);
        max_x = std::max(max_x, junctions[k].x);
        max_y = std::max(max_y, junctions[k].y);
      }
    }
    const Rgba8 c = centre.colour;
    for (const CityVertex& v :
         {CityVertex{min_x, min_y, c}, CityVertex{max_x, min_y, c}, CityVertex{max_x, max_y, c},
          CityVertex{min_x, min_y, c}, CityVertex{max_x, max_y, c}, CityVertex{min_x, max_y, c}}) {
      far.vertices.push_back(v);
    }
  }
  begin_layer(CityLayer::kAsphalt);
  for (LinkId l = 0; l < network.links().size(); ++l) {
    append_link_band(far.vertices, network, l, palette::kAsphalt);
  }
  begin_layer(CityLayer::kMarking);
  begin_layer(CityLayer::kStopLine);
  far.layer_start[kCityLayerCount] = static_cast<std::uint32_t>(far.vertices.size());
  return far;
}

void append_link_band(std::vector<CityVertex>& out, const Network& network, LinkId id,
                      Rgba8 colour) {
  const Link& link = network.link(id);
  if (link.lane_count == 0) return;
  // From the right edge of the rightmost lane (index 0) to the left edge of the leftmost, as one
  // band along the rightmost lane's centre line (lanes of a link run side by side).
  double width = 0.0;
  for (std::uint16_t i = 0; i < link.lane_count; ++i) {
    width += network.lane(link.first_lane + i).width;
  }
  const double rightmost = network.lane(link.first_lane).width;
  append_strip(out, network.lane_shape(link.first_lane), rightmost * 0.5 - width * 0.5, width,
               colour);
}

}  // namespace citytwin::render
