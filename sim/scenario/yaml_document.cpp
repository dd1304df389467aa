#include "sim/scenario/yaml_document.hpp"

#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/exceptions.h>
#include <yaml-cpp/mark.h>
#include <yaml-cpp/parser.h>

#include <algorithm>
#include <optional>
#include <sstream>
#include <unordered_map>

#include "sim/scenario/diagnostics.hpp"
#include "sim/scenario/text_check.hpp"

namespace citytwin::yaml {
namespace {

Position to_position(const YAML::Mark& mark) {
  if (mark.is_null()) return {};
  return {mark.line + 1, mark.column + 1};
}

// Tags would let a file ask for types we do not have; plain and quoted scalars are all we need.
bool is_untagged(const std::string& tag) {
  return tag.empty() || tag == "?" || tag == "!";
}

// Builds the tree from parser events. Containers under construction live on an explicit stack, so
// depth is bounded by Limits::max_depth and never by the C++ call stack.
class TreeBuilder final : public YAML::EventHandler {
 public:
  TreeBuilder(std::string_view text, std::shared_ptr<const std::filesystem::path> file,
              const Limits& limits)
      : text_(text), file_(std::move(file)), file_name_(file_->string()), limits_(limits) {}

  NodePtr take_root() { return std::move(root_); }

  [[noreturn]] void fail(Position at, const std::string& message) const {
    throw ScenarioError(file_name_, at.line, at.column, "", message);
  }

  void OnDocumentStart(const YAML::Mark& mark) override {
    if (documents_++ > 0) {
      fail(to_position(mark),
           "a scenario file holds one YAML document, found a second one (remove the '---')");
    }
  }
  void OnDocumentEnd() override {}

  void OnAnchor(const YAML::Mark& /*mark*/, const std::string& name) override {
    pending_anchor_name_ = name;
  }

  void OnNull(const YAML::Mark& mark, YAML::anchor_t anchor) override {
    auto node = make(Kind::kNull, mark);
    // yaml-cpp places an empty value where the next token starts (often the next line); the key
    // it belongs to is where a person looks for it.
    if (!stack_.empty() && stack_.back().have_key) node->position = stack_.back().key_position;
    finish(std::move(node), anchor, false);
  }

  void OnScalar(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                const std::string& value) override {
    if (!is_untagged(tag)) fail(to_position(mark), "YAML tags ('" + tag + "') are not supported");
    if (value.size() > limits_.max_scalar_bytes) {
      fail(to_position(mark), "text longer than " + std::to_string(limits_.max_scalar_bytes) +
                                  " bytes (" + std::to_string(value.size()) + " bytes)");
    }
    if (tag == "!") check_quote_closed(mark);
    auto node = make(Kind::kScalar, mark);
    node->scalar = value;
    finish(std::move(node), anchor, false);
  }

  void OnAlias(const YAML::Mark& mark, YAML::anchor_t anchor) override {
    const Position at = to_position(mark);
    count_node(at);
    if (++aliases_ > limits_.max_aliases) {
      fail(at, "more than " + std::to_string(limits_.max_aliases) + " aliases");
    }
    const auto found = anchors_.find(anchor);
    if (found == anchors_.end()) {
      fail(at, "alias '*" + anchor_names_[anchor] + "' refers to a node that contains it");
    }
    const NodePtr& target = found->second;
    if (static_cast<int>(stack_.size()) + target->height > limits_.max_depth) {
      fail(at, "nesting deeper than " + std::to_string(limits_.max_depth) +
                   " levels (through alias '*" + anchor_names_[anchor] + "')");
    }
    // The running total of expanded nodes is the expanded size of the whole document: refusing it
    // here stops an alias bomb before anything walks the expansion.
    expanded_total_ += target->expanded_size;
    if (expanded_total_ > limits_.max_expanded_nodes) {
      fail(at, "aliases expand to more than " + std::to_string(limits_.max_expanded_nodes) +
                   " nodes (an alias bomb?)");
    }
    attach(target, at, true);
  }

  void OnSequenceStart(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                       YAML::EmitterStyle::value /*style*/) override {
    open(Kind::kSequence, mark, tag, anchor);
  }
  void OnSequenceEnd() override { close(); }

  void OnMapStart(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                  YAML::EmitterStyle::value /*style*/) override {
    open(Kind::kMapping, mark, tag, anchor);
  }
  void OnMapEnd() override { close(); }

 private:
  struct Frame {
    std::shared_ptr<Node> node;
    YAML::anchor_t anchor = 0;
    bool have_key = false;  // mappings alternate key, value
    std::string key;
    Position key_position;
    std::unordered_map<std::string, Position> seen_keys;
  };

  std::shared_ptr<Node> make(Kind kind, const YAML::Mark& mark) {
    const Position at = to_position(mark);
    count_node(at);
    ++expanded_total_;
    if (expanded_total_ > limits_.max_expanded_nodes) {
      fail(at, "more than " + std::to_string(limits_.max_expanded_nodes) + " nodes");
    }
    auto node = std::make_shared<Node>();
    node->kind = kind;
    node->position = at;
    node->file = file_;
    return node;
  }

  // yaml-cpp 0.7 accepts a quoted scalar that runs to the end of the file; find its closing quote.
  void check_quote_closed(const YAML::Mark& mark) const {
    if (mark.is_null() || mark.pos < 0 || static_cast<std::size_t>(mark.pos) >= text_.size())
      return;
    const char quote = text_[static_cast<std::size_t>(mark.pos)];
    if (quote != '"' && quote != '\'') return;
    for (std::size_t i = static_cast<std::size_t>(mark.pos) + 1; i < text_.size(); ++i) {
      if (quote == '"' && text_[i] == '\\') {
        ++i;  // escaped character
      } else if (text_[i] == quote) {
        if (quote == '\'' && i + 1 < text_.size() && text_[i + 1] == '\'') {
          ++i;  // '' is an escaped single quote
        } else {
          return;
        }
      }
    }
    fail(to_position(mark), std::string("unclosed quote (") + quote + ")");
  }

  void count_node(Position at) {
    if (++nodes_ > limits_.max_nodes) {
      fail(at, "more than " + std::to_string(limits_.max_nodes) + " nodes");
    }
  }

  void remember_anchor(YAML::anchor_t anchor) {
    if (anchor != 0) anchor_names_[anchor] = pending_anchor_name_;
  }

  void open(Kind kind, const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor) {
    if (!is_untagged(tag)) fail(to_position(mark), "YAML tags ('" + tag + "') are not supported");
    remember_anchor(anchor);
    if (static_cast<int>(stack_.size()) >= limits_.max_depth) {
      fail(to_position(mark),
           "nesting deeper than " + std::to_string(limits_.max_depth) + " levels");
    }
    Frame frame;
    frame.node = make(kind, mark);
    frame.anchor = anchor;
    stack_.push_back(std::move(frame));
  }

  void close() {
    Frame frame = std::move(stack_.back());
    stack_.pop_back();
    finish(std::move(frame.node), frame.anchor, true);
  }

  void finish(std::shared_ptr<Node> node, YAML::anchor_t anchor, bool already_named) {
    if (!already_named) remember_anchor(anchor);
    if (node->kind == Kind::kSequence || node->kind == Kind::kMapping) {
      node->expanded_size = 1;
      int child_height = 0;
      const auto account = [&](const NodePtr& child) {
        node->expanded_size += child->expanded_size;
        child_height = std::max(child_height, child->height);
      };
      for (const NodePtr& item : node->items) account(item);
      for (const Entry& entry : node->entries) account(entry.value);
      node->height = child_height + 1;
    }
    NodePtr done = std::move(node);
    if (anchor != 0) anchors_[anchor] = done;
    attach(done, done->position, false);
  }

  void attach(const NodePtr& child, Position at, bool is_alias) {
    if (stack_.empty()) {
      root_ = child;
      return;
    }
    Frame& parent = stack_.back();
    if (parent.node->kind == Kind::kSequence) {
      parent.node->items.push_back(child);
      return;
    }
    if (!parent.have_key) {
      accept_key(parent, child, at, is_alias);
      return;
    }
    parent.node->entries.push_back({std::move(parent.key), parent.key_position, child});
    parent.have_key = false;
  }

  void accept_key(Frame& parent, const NodePtr& key, Position at, bool is_alias) {
    if (is_alias || key->kind != Kind::kScalar) {
      fail(at, "mapping keys must be plain text, found " +
                   std::string(is_alias ? "an alias" : kind_phrase(key->kind)));
    }
    if (key->scalar == "<<") {
      fail(at, "merge keys ('<<') are not supported; use 'include' or 'variants' instead");
    }
    const auto [previous, inserted] = parent.seen_keys.emplace(key->scalar, at);
    if (!inserted) {
      fail(at, "duplicate key '" + key->scalar + "' (first written at line " +
                   std::to_string(previous->second.line) + ")");
    }
    parent.key = key->scalar;
    parent.key_position = at;
    parent.have_key = true;
  }

  std::string_view text_;
  std::shared_ptr<const std::filesystem::path> file_;
  std::string file_name_;
  Limits limits_;
  std::vector<Frame> stack_;
  std::unordered_map<YAML::anchor_t, NodePtr> anchors_;
  std::unordered_map<YAML::anchor_t, std::string> anchor_names_;
  std::string pending_anchor_name_;
  NodePtr root_;
  int documents_ = 0;
  std::uint64_t nodes_ = 0;
  std::uint64_t aliases_ = 0;
  std::uint64_t expanded_total_ = 0;
};

// The first tab used for indentation at or before `line`, if any: yaml-cpp reports those as
// puzzling syntax errors further on, while the fix is simply to indent with spaces.
std::optional<Position> indentation_tab(std::string_view text, int last_line) {
  int line = 1;
  bool in_indent = true;
  int column = 1;
  for (char c : text) {
    if (line > last_line) break;
    if (c == '\n') {
      ++line;
      column = 1;
      in_indent = true;
      continue;
    }
    if (in_indent && c == '\t') return Position{line, column};
    if (c != ' ') in_indent = false;
    ++column;
  }
  return std::nullopt;
}

}  // namespace

std::string_view kind_phrase(Kind kind) {
  switch (kind) {
    case Kind::kNull:
      return "an empty value";
    case Kind::kScalar:
      return "a text";
    case Kind::kSequence:
      return "a sequence";
    case Kind::kMapping:
      return "a mapping";
  }
  return "a value";
}

const Entry* Node::find(std::string_view key) const {
  for (const Entry& entry : entries) {
    if (entry.key == key) return &entry;
  }
  return nullptr;
}

NodePtr parse_yaml(std::string_view text, std::shared_ptr<const std::filesystem::path> file,
                   const Limits& limits) {
  const std::string file_name = file->string();
  if (text.size() > limits.max_file_bytes) {
    throw ScenarioError(file_name, 0, 0, "",
                        "file too large (" + std::to_string(text.size()) + " bytes; the limit is " +
                            std::to_string(limits.max_file_bytes) + " bytes)");
  }
  check_text(text, file_name);
  // Drop a UTF-8 byte-order mark ourselves so yaml-cpp's byte offsets match `text`.
  if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);
  std::istringstream stream{std::string(text)};
  TreeBuilder builder(text, file, limits);
  try {
    YAML::Parser parser(stream);
    while (parser.HandleNextDocument(builder)) {
    }
  } catch (const YAML::Exception& error) {
    // ParserException, DeepRecursion and friends all carry a mark and a bare message.
    const Position at = error.mark.is_null() ? Position{} : to_position(error.mark);
    if (const auto tab = indentation_tab(text, at.line)) {
      throw ScenarioError(file_name, tab->line, tab->column, "",
                          "tab character in indentation (YAML indents with spaces)");
    }
    throw ScenarioError(file_name, at.line, at.column, "", "YAML syntax: " + error.msg);
  }
  return builder.take_root();
}

NodePtr merge(const NodePtr& base, const NodePtr& overlay) {
  if (!overlay) return base;
  if (!base || base->kind != Kind::kMapping || overlay->kind != Kind::kMapping) return overlay;
  auto merged = std::make_shared<Node>(*overlay);
  merged->entries = base->entries;
  // Index by key so merging two large mappings stays linear.
  std::unordered_map<std::string, std::size_t> index;
  for (std::size_t i = 0; i < merged->entries.size(); ++i) index.emplace(merged->entries[i].key, i);
  for (const Entry& entry : overlay->entries) {
    const auto same_key = index.find(entry.key);
    if (same_key == index.end()) {
      merged->entries.push_back(entry);
    } else {
      // The overlay's key position wins: an error in the merged value points where it was written.
      Entry& target = merged->entries[same_key->second];
      target.key_position = entry.key_position;
      target.value = merge(target.value, entry.value);
    }
  }
  merged->expanded_size = 1;
  merged->height = 1;
  for (const Entry& entry : merged->entries) {
    merged->expanded_size += entry.value->expanded_size;
    merged->height = std::max(merged->height, entry.value->height + 1);
  }
  return merged;
}

NodePtr without_key(const NodePtr& mapping, std::string_view key) {
  if (!mapping || mapping->kind != Kind::kMapping || mapping->find(key) == nullptr) return mapping;
  auto copy = std::make_shared<Node>(*mapping);
  std::erase_if(copy->entries, [&](const Entry& entry) { return entry.key == key; });
  return copy;
}

}  // namespace citytwin::yaml
