#include "render/city_far_mesh.hpp"

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
  const auto junctions = full.layer(CityLayer::kJunction);
  far.vertices.insert(far.vertices.end(), junctions.begin(), junctions.end());
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
