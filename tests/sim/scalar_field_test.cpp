// WorldView's scalar fields: systems add them at publish time; a republish reuses the storage.
#include "sim/view/scalar_field.hpp"

#include <gtest/gtest.h>

#include "sim/view/world_view.hpp"

namespace citytwin {
namespace {

TEST(FieldList, AddFindAndClearKeepingStorage) {
  WorldView view;
  LinkField& speed = view.link_fields.add("speed");
  LinkField& density = view.link_fields.add("density");  // must not move `speed`
  speed.values.assign(100, 1.0f);
  density.values.assign(100, 2.0f);
  GridField& air = view.grid_fields.add("no2");
  air.nx = 2;
  air.ny = 3;
  air.values = {0, 1, 2, 3, 4, 5};
  EXPECT_EQ(air.at(1, 2), 5.0f);

  ASSERT_EQ(view.link_fields.size(), 2u);
  EXPECT_EQ(view.link_fields.find("speed")->values[0], 1.0f);
  EXPECT_EQ(view.link_fields.find("density")->values[0], 2.0f);
  EXPECT_EQ(view.link_fields.find("no2"), nullptr);
  EXPECT_NE(view.grid_fields.find("no2"), nullptr);

  const float* storage = speed.values.data();
  view.clear();
  EXPECT_TRUE(view.link_fields.empty());
  EXPECT_TRUE(view.grid_fields.empty());
  EXPECT_EQ(view.link_fields.find("speed"), nullptr);
  LinkField& again = view.link_fields.add("speed");
  again.values.assign(100, 3.0f);
  EXPECT_EQ(again.values.data(), storage);  // no allocation in steady state
}

TEST(FieldList, CopiesCarryTheLiveFields) {
  WorldView view;
  view.link_fields.add("a").values = {1.0f};
  view.link_fields.add("b").values = {2.0f};
  WorldView copy;
  copy = view;
  ASSERT_EQ(copy.link_fields.size(), 2u);
  EXPECT_EQ(copy.link_fields.find("b")->values[0], 2.0f);
  std::size_t n = 0;
  for (const LinkField& f : copy.link_fields.all()) n += f.values.size();
  EXPECT_EQ(n, 2u);
}

}  // namespace
}  // namespace citytwin
