// A small XML reader for AWS responses: elements, attributes, text, entities
// (&amp; &lt; &gt; &quot; &apos; &#N; &#xN;), CDATA, comments and the <?xml?> prolog.
// Namespace prefixes are dropped from names ("s3:Key" -> "Key"); DTDs are skipped, never
// expanded. Whitespace-only text between elements is kept in text but ChildText trims.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "base/status.h"

namespace kops::awsapi {

struct XmlElement {
  std::string name;
  std::vector<std::pair<std::string, std::string>> attributes;
  std::string text;  // character data directly inside this element, decoded
  std::vector<XmlElement> children;

  // First child with that name, or nullptr.
  const XmlElement* Child(std::string_view child_name) const;
  // Every child with that name, in document order.
  std::vector<const XmlElement*> Children(std::string_view child_name) const;
  // Trimmed text of the first child with that name, or "" when there is none.
  std::string ChildText(std::string_view child_name) const;
  // Follows "a/b/c" through first matching children; nullptr when a step is missing.
  const XmlElement* Find(std::string_view path) const;
};

// The document's root element; InvalidArgument with the byte offset on malformed input.
Result<XmlElement> ParseXml(std::string_view text);

}  // namespace kops::awsapi
