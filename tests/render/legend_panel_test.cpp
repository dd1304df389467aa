// The legend's overlay toggles, drawn by Dear ImGui without any window or GPU: the panel lists
// the fields the view publishes and shows the colour ramp of the selected one.
#include <gtest/gtest.h>
#include <imgui.h>

#include "render/dashboards/dashboards.hpp"
#include "render/overlays/field_colours.hpp"

namespace citytwin::render {
namespace {

class LegendPanel : public ::testing::Test {
 protected:
  void SetUp() override {
    ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;
    io.DisplaySize = ImVec2(1280, 720);
    io.DeltaTime = 1.0f / 60.0f;
    unsigned char* pixels = nullptr;
    int w = 0;
    int h = 0;
    io.Fonts->GetTexDataAsRGBA32(&pixels, &w, &h);  // builds the atlas; no texture needed
    LinkField& field = view_.link_fields.add("congestion");
    field.unit = "% of free speed";
    field.range_min = 0.0f;
    field.range_max = 100.0f;
    field.sense = FieldSense::kHigherIsBetter;
  }
  void TearDown() override { ImGui::DestroyContext(); }

  // Draws one frame of the panel; true if some vertex has `colour` (opaque).
  bool frame_draws(Rgba8 colour) {
    ImGui::NewFrame();
    bool open = true;
    ShowLegendPanel(&open, view_, layers_);
    ImGui::Render();
    const ImU32 wanted = IM_COL32(colour.r, colour.g, colour.b, 255);
    const ImDrawData* data = ImGui::GetDrawData();
    for (int l = 0; l < data->CmdListsCount; ++l) {
      for (const ImDrawVert& v : data->CmdLists[l]->VtxBuffer) {
        if (v.col == wanted) return true;
      }
    }
    return false;
  }

  WorldView view_;
  LayerToggles layers_;
};

TEST_F(LegendPanel, TheSelectedFieldShowsItsColourRamp) {
  // An eighth of the way along the ramp: a colour no swatch of the legend uses.
  const Rgba8 ramp_step = field_colour(*view_.link_fields.find("congestion"), 12.5f, 255);
  frame_draws(ramp_step);  // a new auto-sized window is laid out, not drawn, on its first frame
  EXPECT_TRUE(frame_draws(ramp_colour(0.0f)));  // visible now: the "stopped" swatch
  EXPECT_FALSE(frame_draws(ramp_step));         // not selected: only the toggle
  layers_.link_overlay = "congestion";
  EXPECT_TRUE(frame_draws(ramp_step));
  EXPECT_TRUE(frame_draws(ramp_step));            // steady across frames
  EXPECT_EQ(layers_.link_overlay, "congestion");  // drawing does not change the choice
}

}  // namespace
}  // namespace citytwin::render
