#include "render/frame_renderer.hpp"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>

#include "render/agents/infrastructure_icons.hpp"
#include "render/agents/kind_styles.hpp"
#include "render/vulkan/render_error.hpp"
#include "render/vulkan/shaders.hpp"
#include "render/vulkan/vulkan_context.hpp"

namespace citytwin::render {
namespace {

struct PushConstants {
  float transform[4];
  float min_half_size;
};

VkShaderModule create_module(VkDevice device, std::span<const std::uint32_t> code) {
  VkShaderModuleCreateInfo info{};
  info.sType = VK_STRUCTURE_TYPE_SHADER_MODULE_CREATE_INFO;
  info.codeSize = code.size_bytes();
  info.pCode = code.data();
  VkShaderModule module = VK_NULL_HANDLE;
  check_vk(vkCreateShaderModule(device, &info, nullptr, &module), "vkCreateShaderModule");
  return module;
}

struct VertexLayout {
  std::vector<VkVertexInputBindingDescription> bindings;
  std::vector<VkVertexInputAttributeDescription> attributes;
};

VertexLayout city_layout() {
  return {{{0, sizeof(CityVertex), VK_VERTEX_INPUT_RATE_VERTEX}},
          {{0, 0, VK_FORMAT_R32G32_SFLOAT, offsetof(CityVertex, x)},
           {1, 0, VK_FORMAT_R8G8B8A8_UNORM, offsetof(CityVertex, colour)}}};
}

VertexLayout instance_layout() {
  return {{{0, sizeof(QuadInstance), VK_VERTEX_INPUT_RATE_INSTANCE}},
          {{0, 0, VK_FORMAT_R32G32_SFLOAT, offsetof(QuadInstance, x)},
           {1, 0, VK_FORMAT_R32_SFLOAT, offsetof(QuadInstance, heading)},
           {2, 0, VK_FORMAT_R32G32_SFLOAT, offsetof(QuadInstance, half_length)},
           {3, 0, VK_FORMAT_R8G8B8A8_UNORM, offsetof(QuadInstance, colour)}}};
}

// The static layer as positions (binding 0, the overlay mesh) plus a colour per vertex written
// each frame (binding 1): city.vert serves both.
VertexLayout link_tint_layout() {
  return {{{0, sizeof(CityVertex), VK_VERTEX_INPUT_RATE_VERTEX},
           {1, sizeof(Rgba8), VK_VERTEX_INPUT_RATE_VERTEX}},
          {{0, 0, VK_FORMAT_R32G32_SFLOAT, offsetof(CityVertex, x)},
           {1, 1, VK_FORMAT_R8G8B8A8_UNORM, 0}}};
}

enum class Blend { kOpaque, kAlpha };

VkPipeline create_pipeline(VkDevice device, VkRenderPass render_pass, VkPipelineLayout layout,
                           VkShaderModule vert, VkShaderModule frag, const VertexLayout& vertex,
                           Blend mode) {
  std::array<VkPipelineShaderStageCreateInfo, 2> stages{};
  stages[0].sType = VK_STRUCTURE_TYPE_PIPELINE_SHADER_STAGE_CREATE_INFO;
  stages[0].stage = VK_SHADER_STAGE_VERTEX_BIT;
  stages[0].module = vert;
  stages[0].pName = "main";
  stages[1].sType = VK_STRUCTURE_TYPE_PIPELINE_SHADER_STAGE_CREATE_INFO;
  stages[1].stage = VK_SHADER_STAGE_FRAGMENT_BIT;
  stages[1].module = frag;
  stages[1].pName = "main";

  VkPipelineVertexInputStateCreateInfo input{};
  input.sType = VK_STRUCTURE_TYPE_PIPELINE_VERTEX_INPUT_STATE_CREATE_INFO;
  input.vertexBindingDescriptionCount = static_cast<std::uint32_t>(vertex.bindings.size());
  input.pVertexBindingDescriptions = vertex.bindings.data();
  input.vertexAttributeDescriptionCount = static_cast<std::uint32_t>(vertex.attributes.size());
  input.pVertexAttributeDescriptions = vertex.attributes.data();

  VkPipelineInputAssemblyStateCreateInfo assembly{};
  assembly.sType = VK_STRUCTURE_TYPE_PIPELINE_INPUT_ASSEMBLY_STATE_CREATE_INFO;
  assembly.topology = VK_PRIMITIVE_TOPOLOGY_TRIANGLE_LIST;

  VkPipelineViewportStateCreateInfo viewport{};
  viewport.sType = VK_STRUCTURE_TYPE_PIPELINE_VIEWPORT_STATE_CREATE_INFO;
  viewport.viewportCount = 1;
  viewport.scissorCount = 1;

  VkPipelineRasterizationStateCreateInfo raster{};
  raster.sType = VK_STRUCTURE_TYPE_PIPELINE_RASTERIZATION_STATE_CREATE_INFO;
  raster.polygonMode = VK_POLYGON_MODE_FILL;
  raster.cullMode = VK_CULL_MODE_NONE;  // strips and fans wind both ways
  raster.frontFace = VK_FRONT_FACE_COUNTER_CLOCKWISE;
  raster.lineWidth = 1.0f;

  VkPipelineMultisampleStateCreateInfo multisample{};
  multisample.sType = VK_STRUCTURE_TYPE_PIPELINE_MULTISAMPLE_STATE_CREATE_INFO;
  multisample.rasterizationSamples = VK_SAMPLE_COUNT_1_BIT;

  VkPipelineColorBlendAttachmentState blend_attachment{};
  blend_attachment.colorWriteMask = VK_COLOR_COMPONENT_R_BIT | VK_COLOR_COMPONENT_G_BIT |
                                    VK_COLOR_COMPONENT_B_BIT | VK_COLOR_COMPONENT_A_BIT;
  if (mode == Blend::kAlpha) {
    // Colour: source over; alpha: the target keeps its own (the frame stays opaque).
    blend_attachment.blendEnable = VK_TRUE;
    blend_attachment.srcColorBlendFactor = VK_BLEND_FACTOR_SRC_ALPHA;
    blend_attachment.dstColorBlendFactor = VK_BLEND_FACTOR_ONE_MINUS_SRC_ALPHA;
    blend_attachment.colorBlendOp = VK_BLEND_OP_ADD;
    blend_attachment.srcAlphaBlendFactor = VK_BLEND_FACTOR_ZERO;
    blend_attachment.dstAlphaBlendFactor = VK_BLEND_FACTOR_ONE;
    blend_attachment.alphaBlendOp = VK_BLEND_OP_ADD;
  }
  VkPipelineColorBlendStateCreateInfo blend{};
  blend.sType = VK_STRUCTURE_TYPE_PIPELINE_COLOR_BLEND_STATE_CREATE_INFO;
  blend.attachmentCount = 1;
  blend.pAttachments = &blend_attachment;

  const std::array<VkDynamicState, 2> dynamic_states{VK_DYNAMIC_STATE_VIEWPORT,
                                                     VK_DYNAMIC_STATE_SCISSOR};
  VkPipelineDynamicStateCreateInfo dynamic{};
  dynamic.sType = VK_STRUCTURE_TYPE_PIPELINE_DYNAMIC_STATE_CREATE_INFO;
  dynamic.dynamicStateCount = static_cast<std::uint32_t>(dynamic_states.size());
  dynamic.pDynamicStates = dynamic_states.data();

  VkGraphicsPipelineCreateInfo info{};
  info.sType = VK_STRUCTURE_TYPE_GRAPHICS_PIPELINE_CREATE_INFO;
  info.stageCount = static_cast<std::uint32_t>(stages.size());
  info.pStages = stages.data();
  info.pVertexInputState = &input;
  info.pInputAssemblyState = &assembly;
  info.pViewportState = &viewport;
  info.pRasterizationState = &raster;
  info.pMultisampleState = &multisample;
  info.pColorBlendState = &blend;
  info.pDynamicState = &dynamic;
  info.layout = layout;
  info.renderPass = render_pass;
  info.subpass = 0;
  VkPipeline pipeline = VK_NULL_HANDLE;
  check_vk(vkCreateGraphicsPipelines(device, VK_NULL_HANDLE, 1, &info, nullptr, &pipeline),
           "vkCreateGraphicsPipelines");
  return pipeline;
}

float unorm(std::uint8_t v) {
  return static_cast<float>(v) / 255.0f;
}

}  // namespace

bool layer_visible(CityLayer layer, double pixels_per_metre) {
  const CityStyle style;
  switch (layer) {
    case CityLayer::kMarking:
      return style.marking_width * pixels_per_metre >= kMinMarkingPixels;
    case CityLayer::kStopLine:
      return style.stop_line_depth * pixels_per_metre >= kMinMarkingPixels;
    default:
      return true;
  }
}

bool signal_heads_visible(double pixels_per_metre) {
  return !use_far_city_mesh(pixels_per_metre);
}

FrameRenderer::FrameRenderer(const VulkanContext& context, VkRenderPass render_pass,
                             const Network& network, const AgentStyle& agent_style,
                             const CityStyle& city_style)
    : context_(context),
      device_(context.device()),
      agent_style_(agent_style),
      heads_(place_signal_heads(network)),
      link_overlay_(build_link_overlay_mesh(network)),
      far_link_overlay_(build_link_overlay_mesh(network, LinkOverlayDetail::kPerLink)) {
  {
    const CityMesh full = build_city_mesh(network, city_style);
    far_tiles_ = tile_city_mesh(build_far_city_mesh(network, full));
    tiles_ = tile_city_mesh(full);
  }
  try {
    create_pipelines(render_pass);
    auto upload = [&context](const CityTiles& tiles, GpuBuffer& buffer) {
      if (tiles.vertices.empty()) return;
      const VkDeviceSize bytes = tiles.vertices.size() * sizeof(CityVertex);
      buffer = GpuBuffer(context, bytes, VK_BUFFER_USAGE_VERTEX_BUFFER_BIT);
      std::memcpy(buffer.mapped(), tiles.vertices.data(), bytes);
    };
    upload(tiles_, city_vertices_);
    upload(far_tiles_, far_city_vertices_);
    for (auto [mesh, buffer] : {std::pair{&link_overlay_, &link_overlay_positions_},
                                std::pair{&far_link_overlay_, &far_link_overlay_positions_}}) {
      if (mesh->vertices.empty()) continue;
      const VkDeviceSize bytes = mesh->vertices.size() * sizeof(CityVertex);
      *buffer = GpuBuffer(context, bytes, VK_BUFFER_USAGE_VERTEX_BUFFER_BIT);
      std::memcpy(buffer->mapped(), mesh->vertices.data(), bytes);
    }

    VkCommandPoolCreateInfo pool{};
    pool.sType = VK_STRUCTURE_TYPE_COMMAND_POOL_CREATE_INFO;
    pool.flags = VK_COMMAND_POOL_CREATE_RESET_COMMAND_BUFFER_BIT;
    pool.queueFamilyIndex = context.queue_family();
    check_vk(vkCreateCommandPool(device_, &pool, nullptr, &pool_), "vkCreateCommandPool");
    for (FrameData& frame : frames_) {
      VkCommandBufferAllocateInfo alloc{};
      alloc.sType = VK_STRUCTURE_TYPE_COMMAND_BUFFER_ALLOCATE_INFO;
      alloc.commandPool = pool_;
      alloc.level = VK_COMMAND_BUFFER_LEVEL_PRIMARY;
      alloc.commandBufferCount = 1;
      check_vk(vkAllocateCommandBuffers(device_, &alloc, &frame.cmd), "vkAllocateCommandBuffers");
      VkFenceCreateInfo fence{};
      fence.sType = VK_STRUCTURE_TYPE_FENCE_CREATE_INFO;
      fence.flags = VK_FENCE_CREATE_SIGNALED_BIT;  // the first wait on a fresh slot returns at once
      check_vk(vkCreateFence(device_, &fence, nullptr, &frame.done), "vkCreateFence");
    }
  } catch (...) {
    release();
    throw;
  }
}

FrameRenderer::~FrameRenderer() {
  release();
}

void FrameRenderer::release() {
  if (device_ == VK_NULL_HANDLE) return;
  vkDeviceWaitIdle(device_);
  for (FrameData& frame : frames_) {
    if (frame.done != VK_NULL_HANDLE) vkDestroyFence(device_, frame.done, nullptr);
    frame.done = VK_NULL_HANDLE;
    frame.instances = GpuBuffer();
    frame.link_colours = GpuBuffer();
  }
  if (pool_ != VK_NULL_HANDLE) vkDestroyCommandPool(device_, pool_, nullptr);  // frees the cmds
  if (city_pipeline_ != VK_NULL_HANDLE) vkDestroyPipeline(device_, city_pipeline_, nullptr);
  for (VkPipeline* pipeline :
       {&instance_pipeline_, &blended_instance_pipeline_, &link_tint_pipeline_}) {
    if (*pipeline != VK_NULL_HANDLE) vkDestroyPipeline(device_, *pipeline, nullptr);
    *pipeline = VK_NULL_HANDLE;
  }
  if (layout_ != VK_NULL_HANDLE) vkDestroyPipelineLayout(device_, layout_, nullptr);
  city_vertices_ = GpuBuffer();
  far_city_vertices_ = GpuBuffer();
  link_overlay_positions_ = GpuBuffer();
  far_link_overlay_positions_ = GpuBuffer();
  pool_ = VK_NULL_HANDLE;
  city_pipeline_ = VK_NULL_HANDLE;
  layout_ = VK_NULL_HANDLE;
  device_ = VK_NULL_HANDLE;
}

void FrameRenderer::create_pipelines(VkRenderPass render_pass) {
  VkPushConstantRange push{VK_SHADER_STAGE_VERTEX_BIT, 0, sizeof(PushConstants)};
  VkPipelineLayoutCreateInfo layout{};
  layout.sType = VK_STRUCTURE_TYPE_PIPELINE_LAYOUT_CREATE_INFO;
  layout.pushConstantRangeCount = 1;
  layout.pPushConstantRanges = &push;
  check_vk(vkCreatePipelineLayout(device_, &layout, nullptr, &layout_), "vkCreatePipelineLayout");

  VkShaderModule city = create_module(device_, shaders::city_vert());
  VkShaderModule instance = VK_NULL_HANDLE;
  VkShaderModule colour = VK_NULL_HANDLE;
  try {
    instance = create_module(device_, shaders::instance_vert());
    colour = create_module(device_, shaders::colour_frag());
    city_pipeline_ =
        create_pipeline(device_, render_pass, layout_, city, colour, city_layout(), Blend::kOpaque);
    instance_pipeline_ = create_pipeline(device_, render_pass, layout_, instance, colour,
                                         instance_layout(), Blend::kOpaque);
    blended_instance_pipeline_ = create_pipeline(device_, render_pass, layout_, instance, colour,
                                                 instance_layout(), Blend::kAlpha);
    link_tint_pipeline_ = create_pipeline(device_, render_pass, layout_, city, colour,
                                          link_tint_layout(), Blend::kAlpha);
  } catch (...) {
    vkDestroyShaderModule(device_, city, nullptr);
    vkDestroyShaderModule(device_, instance, nullptr);
    vkDestroyShaderModule(device_, colour, nullptr);
    throw;
  }
  vkDestroyShaderModule(device_, city, nullptr);
  vkDestroyShaderModule(device_, instance, nullptr);
  vkDestroyShaderModule(device_, colour, nullptr);
}

std::uint32_t FrameRenderer::wait_for_next_slot() {
  FrameData& frame = frames_[next_frame_];
  check_vk(
      vkWaitForFences(device_, 1, &frame.done, VK_TRUE, std::numeric_limits<std::uint64_t>::max()),
      "vkWaitForFences");
  return next_frame_;
}

const GpuBuffer* FrameRenderer::fill_link_tint(const WorldView& view, const Camera& camera,
                                               FrameData& frame) {
  if (layers_.link_overlay.empty() || !link_overlay_positions_) return nullptr;
  const LinkField* field = view.link_fields.find(layers_.link_overlay);
  if (field == nullptr) return nullptr;
  const bool far = use_far_city_mesh(camera.pixels_per_metre);
  const LinkOverlayMesh& mesh = far ? far_link_overlay_ : link_overlay_;
  visible_link_draws(mesh, visible_box(camera), tint_draws_);
  if (tint_draws_.empty()) return nullptr;
  if (!frame.link_colours) {
    // Sized once for the larger (per-lane) mesh: the meshes never change. This slot's previous
    // frame is finished.
    frame.link_colours = GpuBuffer(context_, link_overlay_.vertices.size() * sizeof(Rgba8),
                                   VK_BUFFER_USAGE_VERTEX_BUFFER_BIT);
  }
  fill_link_colours(
      mesh, *field, kLinkTintAlpha,
      std::span(static_cast<Rgba8*>(frame.link_colours.mapped()), mesh.vertices.size()));
  for (std::size_t l = 0; l + 1 < mesh.link_start.size(); ++l) {
    if (l < field->values.size() && !std::isnan(field->values[l])) ++stats_.tinted_links;
  }
  return far ? &far_link_overlay_positions_ : &link_overlay_positions_;
}

VkFence FrameRenderer::render(const WorldView& view, const Camera& camera,
                              const TargetFrame& target) {
  wait_for_next_slot();
  FrameData& frame = frames_[next_frame_];
  next_frame_ = (next_frame_ + 1) % kFramesInFlight;

  stats_ = {};
  const GpuBuffer* tint_positions = fill_link_tint(view, camera, frame);

  // Instances in drawing order: grid-overlay cells, signal heads, then the agent layer.
  frame.staging.clear();
  if (!layers_.grid_overlay.empty()) {
    if (const GridField* field = view.grid_fields.find(layers_.grid_overlay)) {
      append_grid_cells(*field, visible_box(camera), kGridCellAlpha, frame.staging);
    }
  }
  const auto cells = static_cast<std::uint32_t>(frame.staging.size());
  if (layers_.signals && signal_heads_visible(camera.pixels_per_metre)) {
    const double margin = 1.0 + kMinSignalPixels / camera.pixels_per_metre;  // heads are ~1 m
    append_signal_instances(heads_, view, visible_box(camera, margin), frame.staging);
  }
  const auto heads = static_cast<std::uint32_t>(frame.staging.size()) - cells;
  bool density = false;
  if (layers_.vehicles) {
    // Sprites are culled to the view. Where the zoom alone does not decide (DetailRule), the
    // culled sprites are the count: one pass over the agents, undone if they are a crowd.
    const double margin =
        KindStyles(view).longest_half_length() + kMinInstancePixels / camera.pixels_per_metre;
    const WorldBox sprite_box = visible_box(camera, margin);
    const std::size_t before = frame.staging.size();
    std::size_t in_view = view.agent_count();
    if (choose_agent_detail(camera.pixels_per_metre, in_view, detail_rule_) ==
            AgentDetail::kSprites ||
        detail_depends_on_count(camera.pixels_per_metre, detail_rule_)) {
      append_agent_instances(view, agent_style_, sprite_box, frame.staging);
      in_view = frame.staging.size() - before;
    }
    density = choose_agent_detail(camera.pixels_per_metre, in_view, detail_rule_) ==
              AgentDetail::kDensity;
    if (density) {
      frame.staging.resize(before);
      stats_.binned_agents =
          static_cast<std::uint32_t>(density_.append(view, camera, agent_style_, frame.staging));
    }
  }
  const std::uint32_t agent_layer =
      static_cast<std::uint32_t>(frame.staging.size()) - cells - heads;
  // Devices last, over the traffic: their icons and range circles are sized in pixels.
  if (layers_.sites && !view.sites.empty()) {
    append_site_instances(view, camera.pixels_per_metre, layers_.site_ranges, SiteStyle{},
                          frame.staging);
  }
  const auto instance_count = static_cast<std::uint32_t>(frame.staging.size());
  const std::uint32_t sites = instance_count - cells - heads - agent_layer;
  const VkDeviceSize bytes = VkDeviceSize{instance_count} * sizeof(QuadInstance);
  if (bytes > frame.instances.size()) {
    // Grow geometrically; this slot's previous frame is finished (its fence was waited on).
    VkDeviceSize capacity = std::max<VkDeviceSize>(frame.instances.size(), 4096);
    while (capacity < bytes) capacity *= 2;
    frame.instances = GpuBuffer(context_, capacity, VK_BUFFER_USAGE_VERTEX_BUFFER_BIT);
  }
  if (bytes > 0) std::memcpy(frame.instances.mapped(), frame.staging.data(), bytes);
  stats_.overlay_cells = cells;
  stats_.site_quads = sites;
  stats_.signal_heads = heads;
  stats_.agent_density = density;
  (density ? stats_.density_cells : stats_.agents) = agent_layer;

  check_vk(vkResetFences(device_, 1, &frame.done), "vkResetFences");
  check_vk(vkResetCommandBuffer(frame.cmd, 0), "vkResetCommandBuffer");
  VkCommandBufferBeginInfo begin{};
  begin.sType = VK_STRUCTURE_TYPE_COMMAND_BUFFER_BEGIN_INFO;
  begin.flags = VK_COMMAND_BUFFER_USAGE_ONE_TIME_SUBMIT_BIT;
  check_vk(vkBeginCommandBuffer(frame.cmd, &begin), "vkBeginCommandBuffer");

  VkClearValue clear{};
  clear.color = {{unorm(palette::kBackground.r), unorm(palette::kBackground.g),
                  unorm(palette::kBackground.b), 1.0f}};
  VkRenderPassBeginInfo pass{};
  pass.sType = VK_STRUCTURE_TYPE_RENDER_PASS_BEGIN_INFO;
  VkCommandBuffer cmd = frame.cmd;
  pass.renderPass = target.render_pass;
  pass.framebuffer = target.framebuffer;
  pass.renderArea = {{0, 0}, target.extent};
  pass.clearValueCount = 1;
  pass.pClearValues = &clear;
  vkCmdBeginRenderPass(cmd, &pass, VK_SUBPASS_CONTENTS_INLINE);

  const VkViewport viewport{
      0.0f, 0.0f, static_cast<float>(target.extent.width), static_cast<float>(target.extent.height),
      0.0f, 1.0f};
  const VkRect2D scissor{{0, 0}, target.extent};
  vkCmdSetViewport(cmd, 0, 1, &viewport);
  vkCmdSetScissor(cmd, 0, 1, &scissor);

  PushConstants push{};
  const auto transform = clip_transform(camera);
  std::copy(transform.begin(), transform.end(), push.transform);
  auto push_min_pixels = [&](double pixels) {
    push.min_half_size = static_cast<float>(0.5 * pixels / camera.pixels_per_metre);
    vkCmdPushConstants(cmd, layout_, VK_SHADER_STAGE_VERTEX_BIT, 0, sizeof(push), &push);
  };
  push_min_pixels(kMinSignalPixels);

  const VkDeviceSize zero = 0;
  const bool far = use_far_city_mesh(camera.pixels_per_metre);
  const CityTiles& city = far ? far_tiles_ : tiles_;
  const GpuBuffer& city_vertices = far ? far_city_vertices_ : city_vertices_;
  if (city_vertices) {
    vkCmdBindPipeline(cmd, VK_PIPELINE_BIND_POINT_GRAPHICS, city_pipeline_);
    const VkBuffer buffer = city_vertices.handle();
    vkCmdBindVertexBuffers(cmd, 0, 1, &buffer, &zero);
    for (std::size_t layer = 0; layer < kCityLayerCount; ++layer) {
      if (!layer_visible(static_cast<CityLayer>(layer), camera.pixels_per_metre)) continue;
      const bool marking = layer == static_cast<std::size_t>(CityLayer::kMarking) ||
                           layer == static_cast<std::size_t>(CityLayer::kStopLine);
      if (marking && !layers_.markings) continue;
      if (layer == static_cast<std::size_t>(CityLayer::kBuilding) && !layers_.buildings) continue;
      visible_draws(city, static_cast<CityLayer>(layer), visible_box(camera), draws_);
      for (const auto& [first, count] : draws_) {
        vkCmdDraw(cmd, count, 1, first, 0);
        stats_.city_triangles += count / 3;
      }
    }
  }
  if (tint_positions != nullptr) {
    vkCmdBindPipeline(cmd, VK_PIPELINE_BIND_POINT_GRAPHICS, link_tint_pipeline_);
    const std::array<VkBuffer, 2> buffers{tint_positions->handle(), frame.link_colours.handle()};
    const std::array<VkDeviceSize, 2> offsets{0, 0};
    vkCmdBindVertexBuffers(cmd, 0, 2, buffers.data(), offsets.data());
    for (const auto& [first, count] : tint_draws_) vkCmdDraw(cmd, count, 1, first, 0);
  }
  if (instance_count > 0) {
    const VkBuffer buffer = frame.instances.handle();
    vkCmdBindVertexBuffers(cmd, 0, 1, &buffer, &zero);
    if (cells > 0) {
      // Cells tile exactly: no minimum size.
      vkCmdBindPipeline(cmd, VK_PIPELINE_BIND_POINT_GRAPHICS, blended_instance_pipeline_);
      push_min_pixels(0.0);
      vkCmdDraw(cmd, 6, cells, 0, 0);
    }
    vkCmdBindPipeline(cmd, VK_PIPELINE_BIND_POINT_GRAPHICS, instance_pipeline_);
    push_min_pixels(kMinSignalPixels);
    if (heads > 0) vkCmdDraw(cmd, 6, heads, 0, cells);
    if (agent_layer > 0) {
      if (density) {
        vkCmdBindPipeline(cmd, VK_PIPELINE_BIND_POINT_GRAPHICS, blended_instance_pipeline_);
        push_min_pixels(0.0);
      } else {
        push_min_pixels(kMinInstancePixels);
      }
      vkCmdDraw(cmd, 6, agent_layer, 0, cells + heads);
    }
    if (sites > 0) {
      vkCmdBindPipeline(cmd, VK_PIPELINE_BIND_POINT_GRAPHICS, instance_pipeline_);
      push_min_pixels(0.0);
      vkCmdDraw(cmd, 6, sites, 0, cells + heads + agent_layer);
    }
  }
  if (target.in_pass) target.in_pass(cmd);
  vkCmdEndRenderPass(cmd);
  if (target.after_pass) target.after_pass(cmd);
  check_vk(vkEndCommandBuffer(cmd), "vkEndCommandBuffer");

  VkSubmitInfo submit{};
  submit.sType = VK_STRUCTURE_TYPE_SUBMIT_INFO;
  submit.commandBufferCount = 1;
  submit.pCommandBuffers = &cmd;
  const VkPipelineStageFlags wait_stage = VK_PIPELINE_STAGE_COLOR_ATTACHMENT_OUTPUT_BIT;
  if (target.wait_semaphore != VK_NULL_HANDLE) {
    submit.waitSemaphoreCount = 1;
    submit.pWaitSemaphores = &target.wait_semaphore;
    submit.pWaitDstStageMask = &wait_stage;
  }
  if (target.signal_semaphore != VK_NULL_HANDLE) {
    submit.signalSemaphoreCount = 1;
    submit.pSignalSemaphores = &target.signal_semaphore;
  }
  check_vk(vkQueueSubmit(context_.queue(), 1, &submit, frame.done), "vkQueueSubmit");
  return frame.done;
}

}  // namespace citytwin::render
