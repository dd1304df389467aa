#pragma once
#include <array>
#include <cstdint>

#include "sim/view/rgba8.hpp"

namespace citytwin::render {

using citytwin::Rgba8;  // (kernel type: families give their agents' colours in it)

// The city palette. Tests compare pixels against these, so they are the single source.
namespace palette {
inline constexpr Rgba8 kBackground{52, 66, 56};  // city blocks
inline constexpr Rgba8 kSidewalk{150, 150, 144};
inline constexpr Rgba8 kAsphalt{44, 44, 48};
inline constexpr Rgba8 kJunction{50, 50, 55};
inline constexpr Rgba8 kLaneMarking{215, 215, 215};
inline constexpr Rgba8 kCentreLine{230, 190, 60};
inline constexpr Rgba8 kStopLine{240, 240, 240};

inline constexpr Rgba8 kSignalRed{235, 40, 40};
inline constexpr Rgba8 kSignalAmber{250, 175, 0};
inline constexpr Rgba8 kSignalGreen{40, 220, 80};
inline constexpr Rgba8 kSignalRedAmber{250, 110, 20};
inline constexpr Rgba8 kSignalOff{90, 90, 90};

// Agents and devices take their colours from their kind's style (AgentKindStyle, declared by
// their family). A device that is not well shows its health instead, whatever its kind:
inline constexpr Rgba8 kSiteDegraded{240, 205, 70};
inline constexpr Rgba8 kSiteFailed{210, 40, 120};
inline constexpr Rgba8 kSiteUnknown{140, 140, 140};

// A kind no system declared (a view built without styles): visible, plainly unstyled.
inline constexpr Rgba8 kUnstyled{200, 200, 200};

// Roofs of the building footprints: muted, close to the blocks' colour, so roads and traffic
// stay what the eye finds first.
inline constexpr std::array<Rgba8, 4> kRoofs{Rgba8{84, 92, 88}, Rgba8{96, 98, 92},
                                             Rgba8{78, 84, 90}, Rgba8{104, 96, 88}};
}  // namespace palette

// The one colour ramp of the view: red at t = 0 (bad: stopped, jammed), yellow at 0.5, green at
// t = 1 (fine). Vehicles, overlays and density cells all use it, so red means trouble everywhere.
// t is clamped to [0, 1].
Rgba8 ramp_colour(float t);

// Vehicle colour by speed: red when stopped, yellow at half of `reference_speed`, green at or
// above it. Pure integer output of float input: the same speed always gives the same bytes.
Rgba8 speed_colour(float speed, float reference_speed);

}  // namespace citytwin::render
