#include "store/keystore_keyset.h"

#include <algorithm>

#include "base/base64.h"
#include "pki/encoding.h"
#include "pki/serial.h"
#include "store/keystore_yaml.h"

namespace kops::store {
namespace {

constexpr std::string_view kApiVersion = "kops.k8s.io/v1alpha2";

bool IsDecimal(std::string_view s) {
  return !s.empty() && s.find_first_not_of("0123456789") == std::string_view::npos;
}

std::string ScalarOf(const YamlNode* node) {
  return node && node->kind == YamlNode::Kind::kScalar ? node->scalar : std::string();
}

Result<KeysetItem> DecodeItem(const YamlNode& node, size_t index) {
  std::string where = "spec.keys[" + std::to_string(index) + "]";
  if (node.kind != YamlNode::Kind::kMap) return InvalidArgument(where + " is not a mapping");
  KeysetItem item;
  item.id = ScalarOf(node.Find("id"));
  if (item.id.empty()) return InvalidArgument(where + ".id is missing");
  where += " (id " + item.id + ")";
  if (std::string ts = ScalarOf(node.Find("distrustTimestamp")); !ts.empty())
    item.distrust_timestamp = ts;
  if (std::string pub = ScalarOf(node.Find("publicMaterial")); !pub.empty()) {
    auto pem_or = Base64Decode(pub);
    if (!pem_or.ok()) return pem_or.status().WithContext(where + ".publicMaterial");
    const std::string& pem = *pem_or;
    auto cert = pki::Certificate::ParsePem(pem);
    if (!cert.ok()) return cert.status().WithContext(where + ".publicMaterial");
    item.certificate = *cert;
  }
  if (std::string priv = ScalarOf(node.Find("privateMaterial")); !priv.empty()) {
    auto pem_or = Base64Decode(priv);
    if (!pem_or.ok()) return pem_or.status().WithContext(where + ".privateMaterial");
    const std::string& pem = *pem_or;
    auto key = pki::PrivateKey::ParsePem(pem);
    if (!key.ok()) return key.status().WithContext(where + ".privateMaterial");
    item.private_key = *key;
  }
  return item;
}

// Newest item with a private key, else the newest item.
std::string DefaultPrimary(const Keyset& keyset) {
  for (auto it = keyset.items.rbegin(); it != keyset.items.rend(); ++it)
    if (it->private_key) return it->id;
  return keyset.items.empty() ? "" : keyset.items.back().id;
}

}  // namespace

const KeysetItem* Keyset::Find(std::string_view id) const {
  for (const KeysetItem& item : items)
    if (item.id == id) return &item;
  return nullptr;
}

const KeysetItem* Keyset::Primary() const {
  return primary_id.empty() ? nullptr : Find(primary_id);
}

bool KeysetItemIdOlder(std::string_view a, std::string_view b) {
  bool a_num = IsDecimal(a), b_num = IsDecimal(b);
  if (a_num != b_num) return b_num;  // non-numeric ids are older than numeric ones
  if (!a_num) return a < b;
  auto strip = [](std::string_view s) {
    size_t first = s.find_first_not_of('0');
    return first == std::string_view::npos ? std::string_view("0") : s.substr(first);
  };
  return pki::Serial::DecimalLess(strip(a), strip(b));
}

void SortKeysetItems(Keyset& keyset) {
  std::stable_sort(
      keyset.items.begin(), keyset.items.end(),
      [](const KeysetItem& a, const KeysetItem& b) { return KeysetItemIdOlder(a.id, b.id); });
}

Result<std::string> EncodeKeysetYaml(const Keyset& keyset) {
  std::string out =
      "apiVersion: " + std::string(kApiVersion) +
      "\nkind: Keyset\nmetadata:\n  creationTimestamp: null\n  name: " + YamlScalar(keyset.name) +
      "\nspec:\n";
  if (!keyset.items.empty()) out += "  keys:\n";
  for (const KeysetItem& item : keyset.items) {
    std::string prefix = "  - ";
    auto field = [&](std::string_view key, const std::string& value) {
      out += prefix + std::string(key) + ": " + value + "\n";
      prefix = "    ";
    };
    if (item.distrust_timestamp) field("distrustTimestamp", YamlScalar(*item.distrust_timestamp));
    field("id", YamlScalar(item.id));
    if (item.private_key) {
      ASSIGN_OR_RETURN(std::string pem, item.private_key->ToPem());
      field("privateMaterial", Base64Encode(pem));
    }
    if (item.certificate) {
      ASSIGN_OR_RETURN(std::string pem, item.certificate->ToPem());
      field("publicMaterial", Base64Encode(pem));
    }
  }
  if (!keyset.primary_id.empty()) out += "  primaryID: " + YamlScalar(keyset.primary_id) + "\n";
  out += "  type: Keypair\n";
  return out;
}

Result<Keyset> DecodeKeysetYaml(std::string_view yaml) {
  ASSIGN_OR_RETURN(YamlNode root, ParseYamlSubset(yaml));
  if (root.kind != YamlNode::Kind::kMap) return InvalidArgument("keyset is not a YAML mapping");
  std::string api_version = ScalarOf(root.Find("apiVersion"));
  std::string kind = ScalarOf(root.Find("kind"));
  if (api_version != kApiVersion || kind != "Keyset")
    return InvalidArgument("object has apiVersion \"" + api_version + "\" and kind \"" + kind +
                           "\"; expected apiVersion " + std::string(kApiVersion) + ", kind Keyset");
  Keyset keyset;
  const YamlNode* metadata = root.Find("metadata");
  keyset.name = metadata ? ScalarOf(metadata->Find("name")) : "";
  const YamlNode* spec = root.Find("spec");
  if (!spec || spec->kind != YamlNode::Kind::kMap) return InvalidArgument("keyset has no spec");
  if (std::string type = ScalarOf(spec->Find("type")); !type.empty() && type != "Keypair")
    return InvalidArgument("keyset \"" + keyset.name + "\" has spec.type \"" + type +
                           "\"; only \"Keypair\" keysets hold certificates");
  if (const YamlNode* keys = spec->Find("keys"); keys && keys->kind == YamlNode::Kind::kSeq)
    for (size_t i = 0; i < keys->seq.size(); ++i) {
      ASSIGN_OR_RETURN(KeysetItem item, DecodeItem(keys->seq[i], i));
      keyset.items.push_back(std::move(item));
    }
  SortKeysetItems(keyset);
  keyset.primary_id = ScalarOf(spec->Find("primaryID"));
  if (keyset.primary_id.empty()) keyset.primary_id = ScalarOf(spec->Find("primaryId"));
  if (keyset.primary_id.empty()) keyset.primary_id = DefaultPrimary(keyset);
  if (!keyset.primary_id.empty() && !keyset.Find(keyset.primary_id))
    return InvalidArgument("keyset \"" + keyset.name + "\" names primary id " + keyset.primary_id +
                           ", which is not among its keys");
  return keyset;
}

}  // namespace kops::store
