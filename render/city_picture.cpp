#include "render/city_picture.hpp"

namespace citytwin::render {

CityPicture::CityPicture(const Network& network, const PictureOptions& options)
    : renderer_(network, options.headless) {
  if (options.kpi_panel) {
    dashboards_ = std::make_unique<HeadlessDashboards>(renderer_.context(), renderer_.render_pass(),
                                                       renderer_.width(), renderer_.height(),
                                                       options.dashboards);
  }
}

const std::vector<std::uint8_t>& CityPicture::draw(const WorldView& view, const Camera& camera,
                                                   const KpiHistory& history) {
  if (!dashboards_) return renderer_.render(view, camera);
  dashboards_->layout(view, history);
  return renderer_.render(view, camera, [this](VkCommandBuffer cmd) { dashboards_->record(cmd); });
}

std::optional<PanelRect> CityPicture::panel(std::string_view title) const {
  if (!dashboards_) return std::nullopt;
  return dashboards_->panel(title);
}

std::optional<PanelRect> CityPicture::kpi_panel() const {
  if (!dashboards_) return std::nullopt;
  return dashboards_->kpi_panel();
}

}  // namespace citytwin::render
