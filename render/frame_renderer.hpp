#pragma once
#include <vulkan/vulkan.h>

#include <array>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "render/agents/agent_density.hpp"
#include "render/agents/agent_detail.hpp"
#include "render/agents/agent_instances.hpp"
#include "render/agents/quad_instance.hpp"
#include "render/camera.hpp"
#include "render/city/city_far_mesh.hpp"
#include "render/city/city_geometry.hpp"
#include "render/city/city_tiles.hpp"
#include "render/city/signal_heads.hpp"
#include "render/overlays/field_overlays.hpp"
#include "render/vulkan/gpu_buffer.hpp"
#include "sim/network/network.hpp"
#include "sim/view/world_view.hpp"

namespace citytwin::render {

class VulkanContext;

inline constexpr std::uint32_t kFramesInFlight = 2;

// Everything one frame owns: its command buffer, the fence that says the GPU is done with it, and
// its instance buffer (grown, never shrunk, so steady state allocates nothing).
struct FrameData {
  VkCommandBuffer cmd = VK_NULL_HANDLE;
  VkFence done = VK_NULL_HANDLE;
  GpuBuffer instances;
  // One colour per LinkOverlayMesh vertex; allocated the first time a link overlay shows.
  GpuBuffer link_colours;
  std::vector<QuadInstance> staging;  // CPU-side instances of this frame (keeps its capacity)
};

// Where a frame goes: the target's framebuffer and size, what to record inside the pass after the
// city (window: the ImGui draw lists) and after it (offscreen: the read-back copy; window: only
// for a screenshot), and the semaphores of a swapchain image (none offscreen).
struct TargetFrame {
  VkRenderPass render_pass = VK_NULL_HANDLE;  // compatible with the one the renderer was built on
  VkFramebuffer framebuffer = VK_NULL_HANDLE;
  VkExtent2D extent{};
  std::function<void(VkCommandBuffer)> in_pass;
  std::function<void(VkCommandBuffer)> after_pass;
  VkSemaphore wait_semaphore = VK_NULL_HANDLE;    // waited before colour output (image acquired)
  VkSemaphore signal_semaphore = VK_NULL_HANDLE;  // signalled when the frame is drawn (present)
};

// What the city view draws (dashboard layer toggles). Static roads, sidewalks, crosswalks and
// junctions are always drawn.
struct LayerToggles {
  bool vehicles = true;
  // Building footprints: illustrative, placed by render/city_buildings beside the roads because no
  // source network gives them.
  bool buildings = true;
  bool signals = true;
  bool markings = true;     // lane markings and stop lines
  bool sites = true;        // roadside units, gateways and sensors (WorldView::sites)
  bool site_ranges = true;  // their radio ranges as circles
  // Scalar-field overlays by name (WorldView::link_fields / grid_fields); empty = none. One of each
  // kind at a time: two tints on one lane would not read. Assigning keeps the strings' capacity.
  std::string link_overlay;
  std::string grid_overlay;
};

struct FrameStats {
  std::uint32_t city_triangles = 0;  // static-layer triangles drawn (tiles in view only)
  std::uint32_t signal_heads = 0;
  std::uint32_t agents = 0;         // agent sprites drawn (visible ones only)
  bool agent_density = false;       // the agent layer was drawn as density cells (level of detail)
  std::uint32_t density_cells = 0;  // quads of the density layer
  std::uint32_t binned_agents = 0;  // agents counted into those cells
  std::uint32_t tinted_links = 0;   // links the link overlay coloured (value present)
  std::uint32_t overlay_cells = 0;  // grid-overlay quads
  std::uint32_t site_quads = 0;     // device icons and the segments of their range circles
  std::uint32_t instances() const {
    return signal_heads + agents + density_cells + overlay_cells + site_quads;
  }
};

// Level of detail of the static layer: markings and stop lines thinner than this many pixels are
// not drawn (they would only alias into dotted noise when the whole city is in view).
inline constexpr double kMinMarkingPixels = 0.3;
bool layer_visible(CityLayer layer, double pixels_per_metre);
// Signal heads are drawn while a lane is at least kMinLanePixels wide (city_far_mesh.hpp).
// Further out the 8-16 heads of a junction merge into one multicoloured dot that says nothing,
// and at 100k vehicles their ten thousand quads cost lavapipe more than the density layer.
bool signal_heads_visible(double pixels_per_metre);

// Records the passes of one frame, in painter's order: the static city layer (per layer, the runs
// of tiles in view; the far mesh below kMinLanePixels per lane), the link overlay (lanes tinted by
// a per-link field, blended), then from one instance buffer the grid-overlay cells (blended), the
// signal heads and the agent layer: vehicle sprites, or when zoomed out (choose_agent_detail)
// density cells (blended). Pipelines are built once against a colour pass of the target's format;
// the static mesh is uploaded once.
class FrameRenderer {
 public:
  FrameRenderer(const VulkanContext& context, VkRenderPass render_pass, const Network& network,
                const AgentStyle& agent_style = {}, const CityStyle& city_style = {});
  ~FrameRenderer();
  FrameRenderer(const FrameRenderer&) = delete;
  FrameRenderer& operator=(const FrameRenderer&) = delete;

  // Waits until the slot the next render() uses is free (its previous frame finished) and returns
  // its index in [0, kFramesInFlight): a window acquires its swapchain image with that slot's
  // semaphore only after this, so the semaphore is never reused while still pending.
  std::uint32_t wait_for_next_slot();

  // Waits for the oldest frame slot, fills its instances from `view`, records and submits. Returns
  // the fence that signals when the GPU has finished the frame (and its after_pass commands).
  VkFence render(const WorldView& view, const Camera& camera, const TargetFrame& target);

  void set_layers(const LayerToggles& layers) { layers_ = layers; }
  const LayerToggles& layers() const { return layers_; }
  // When the agent layer turns into density cells (benchmarks force sprites with a rule of
  // min_sprite_pixels 0 and an unreachable crowd, to measure what the level of detail saves).
  void set_detail_rule(const DetailRule& rule) { detail_rule_ = rule; }

  const FrameStats& last_stats() const { return stats_; }
  const CityTiles& city_tiles() const { return tiles_; }

  // Instances are drawn at least this many pixels across, so vehicles stay visible when the
  // whole city is in view.
  static constexpr double kMinInstancePixels = 3.0;
  // Signal heads stand close together (up to 16 at a junction): smaller floor, so that in the
  // whole-city view they stay separate dots instead of one blob.
  static constexpr double kMinSignalPixels = 1.5;

 private:
  void create_pipelines(VkRenderPass render_pass);
  void release();
  // Writes this frame's lane colours for the selected link overlay into `frame` and the visible
  // runs into tint_draws_; returns the mesh whose positions to bind (nullptr: no overlay selected,
  // the view has no such field, or nothing of it in view).
  const GpuBuffer* fill_link_tint(const WorldView& view, const Camera& camera, FrameData& frame);

  const VulkanContext& context_;
  VkDevice device_ = VK_NULL_HANDLE;
  AgentStyle agent_style_;
  CityTiles tiles_;      // the static mesh grouped by tile (the CityMesh itself is not kept)
  CityTiles far_tiles_;  // the far mesh (use_far_city_mesh), grouped the same way
  std::vector<std::pair<std::uint32_t, std::uint32_t>> draws_;  // scratch: visible tile runs
  std::vector<SignalHead> heads_;
  GpuBuffer city_vertices_;
  GpuBuffer far_city_vertices_;
  VkPipelineLayout layout_ = VK_NULL_HANDLE;
  VkPipeline city_pipeline_ = VK_NULL_HANDLE;
  VkPipeline instance_pipeline_ = VK_NULL_HANDLE;
  VkPipeline blended_instance_pipeline_ = VK_NULL_HANDLE;  // overlay and density cells
  VkPipeline link_tint_pipeline_ = VK_NULL_HANDLE;         // positions + per-frame colours, blended
  LinkOverlayMesh link_overlay_;                           // per lane
  LinkOverlayMesh far_link_overlay_;                       // per link, for far zooms
  GpuBuffer link_overlay_positions_;
  GpuBuffer far_link_overlay_positions_;
  std::vector<std::pair<std::uint32_t, std::uint32_t>> tint_draws_;  // scratch: visible links
  DensityCells density_;
  DetailRule detail_rule_;
  VkCommandPool pool_ = VK_NULL_HANDLE;
  std::array<FrameData, kFramesInFlight> frames_{};
  std::uint32_t next_frame_ = 0;
  FrameStats stats_;
  LayerToggles layers_;
};

}  // namespace citytwin::render
