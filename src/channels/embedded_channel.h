// The text of kops' stable channel (data/channels/stable), compiled into the binary.
#pragma once

#include <string_view>

namespace kops::channels {

// The YAML text of the channel as shipped; valid for the life of the program.
std::string_view EmbeddedStableChannelText();
// The same channel as compact JSON (converted at build time).
std::string_view EmbeddedStableChannelJson();

}  // namespace kops::channels
