// Keyset: a named set of certificate/key pairs (kops' fi.Keyset), and its state-store
// form, the kops.k8s.io/v1alpha2 Keyset object kops writes to
// <cluster>/pki/private/<name>/keyset.yaml:
//
//   apiVersion: kops.k8s.io/v1alpha2
//   kind: Keyset
//   metadata:
//     creationTimestamp: null
//     name: kubernetes-ca
//   spec:
//     keys:
//     - id: "7366017513496283926781946829"
//       privateMaterial: <base64 of the PEM private key>
//       publicMaterial: <base64 of the PEM certificate>
//     primaryID: "7366017513496283926781946829"
//     type: Keypair
//
// Keys are written in Go's (alphabetical) order; items oldest first, ordered by id as
// kops' KeysetItemIdOlder orders them (numeric ids numerically, after non-numeric ones).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "pki/certificate.h"
#include "pki/private_key.h"

namespace kops::store {

struct KeysetItem {
  std::string id;  // the certificate serial in decimal, for items kops makes
  std::optional<std::string> distrust_timestamp;  // RFC 3339, as stored; unset = trusted
  std::optional<pki::Certificate> certificate;
  std::optional<pki::PrivateKey> private_key;
};

struct Keyset {
  std::string name;
  std::vector<KeysetItem> items;  // oldest first (see SortKeysetItems)
  std::string primary_id;

  // The item with primary_id; null when there is none.
  const KeysetItem* Primary() const;
  const KeysetItem* Find(std::string_view id) const;
};

// kops' KeysetItemIdOlder: true when id a sorts before (is older than) id b.
bool KeysetItemIdOlder(std::string_view a, std::string_view b);
void SortKeysetItems(Keyset& keyset);

// Serialises keyset (items in their current order). Internal if PEM encoding fails.
Result<std::string> EncodeKeysetYaml(const Keyset& keyset);

// Parses a Keyset object. When primaryID (or the older "primaryId") is absent, the primary
// is the newest item with a private key, as kops reads older keysets. InvalidArgument
// names the field or item that is wrong.
Result<Keyset> DecodeKeysetYaml(std::string_view yaml);

}  // namespace kops::store
