#include "sim/core/message_list.hpp"

#include <gtest/gtest.h>

#include "sim/step/executor.hpp"

namespace citytwin {
namespace {

std::vector<std::pair<std::uint32_t, int>> emit_in_parallel(unsigned threads) {
  Executor executor(threads);
  MessageList<int> list;
  executor.execute([&] {
    executor.parallel_for(10000, 16, [&](std::size_t begin, std::size_t end) {
      for (std::size_t i = begin; i < end; ++i) {
        const auto sender = static_cast<std::uint32_t>(i);
        if (i % 3 == 0) list.emit(sender, 0, static_cast<int>(i) * 2);
        if (i % 5 == 0) list.emit(sender, 1, -static_cast<int>(i));
      }
    });
  });
  list.commit();
  std::vector<std::pair<std::uint32_t, int>> out;
  for (const auto& m : list.messages()) out.emplace_back(m.sender, m.payload);
  return out;
}

TEST(MessageList, CommittedOrderIsIndependentOfThreadCount) {
  const auto one = emit_in_parallel(1);
  EXPECT_EQ(one.size(), 3334u + 2000u);
  EXPECT_EQ(one, emit_in_parallel(2));
  EXPECT_EQ(one, emit_in_parallel(8));
  EXPECT_TRUE(
      std::is_sorted(one.begin(), one.end(), [](auto& a, auto& b) { return a.first < b.first; }));
}

TEST(MessageList, CommitEmptiesTheWorkerBuffers) {
  MessageList<int> list;
  list.emit(1, 0, 5);
  list.commit();
  EXPECT_EQ(list.messages().size(), 1u);
  list.commit();
  EXPECT_EQ(list.messages().size(), 0u);
}

}  // namespace
}  // namespace citytwin
