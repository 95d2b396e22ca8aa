// Keystore: a cluster's certificates, keys and SSH public keys in the state store, laid
// out as kops lays them out so either tool can read what the other wrote:
//
//   <cluster>/pki/private/<keyset>/keyset.yaml      Keyset object (keystore_keyset.h)
//   <cluster>/pki/ssh/public/admin/<fingerprint>    the public key line as given; the
//                                                   name is the OpenSSH MD5 fingerprint
//                                                   without colons
//
// Concurrency: creation uses the Vfs's conditional writes, so when two processes create
// the same keyset at once exactly one write wins and both return the winner's keyset.
// The Vfs is not owned and must outlive the Keystore. Not thread-safe itself; use one
// per thread (they may share a Vfs URL).
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "base/clock.h"
#include "base/status.h"
#include "pki/certificate.h"
#include "pki/private_key.h"
#include "pki/ssh_key.h"
#include "pki/subject.h"
#include "store/keystore_keyset.h"
#include "store/vfs.h"

namespace kops::store {

// kops' CA keyset name (fi.CertificateIDCA).
inline constexpr std::string_view kKubernetesCa = "kubernetes-ca";

// What IssueCert makes: kops' Keypair task fields.
struct CertificateSpec {
  std::string name;  // keyset name, e.g. "kubelet"
  pki::CertificateType type = pki::CertificateType::kClient;
  pki::Subject subject;
  std::vector<std::string> alternate_names;  // DNS names and IP addresses
  std::string signer = std::string(kKubernetesCa);
};

struct KeystoreOptions {
  // Makes new private keys; default pki::PrivateKey::GenerateDefault (RSA 2048).
  std::function<Result<pki::PrivateKey>()> generate_key;
  // Wall time for serials and validity; default the real clock. Not owned.
  const Clock* clock = nullptr;
};

class Keystore {
 public:
  Keystore(Vfs& vfs, std::string cluster_name, KeystoreOptions options = {});

  // The keyset, or NotFound. Falls back to the names kops used before 1.22
  // ("ca" for kubernetes-ca, "master" for service-account).
  Result<Keyset> FindKeyset(const std::string& name);
  // Writes keyset (unconditionally), after kops' checks: a primary item that is trusted
  // and has both a certificate and a private key. Items are stored oldest first.
  Status StoreKeyset(const Keyset& keyset);
  // Names of the keysets under pki/private, sorted.
  Result<std::vector<std::string>> ListKeysets();

  // The CA keyset `name`, creating a self-signed CA (cn=<name>, RSA, 10 years) when there
  // is none. Idempotent; concurrent callers all get the one that was stored.
  Result<Keyset> EnsureCA(const std::string& name = std::string(kKubernetesCa));

  // The keyset spec.name holding a certificate for spec signed by spec.signer's primary.
  // Returns the stored keyset unchanged when its primary already matches (subject, type,
  // alternate names, signer); otherwise issues a new certificate (reusing the existing
  // private key, as kops does), makes it primary and keeps the older items.
  // FailedPrecondition when the signer keyset does not exist.
  Result<Keyset> IssueCert(const CertificateSpec& spec);

  // Stores an SSH public key line under its fingerprint; returns the OpenSSH MD5
  // fingerprint. InvalidArgument when the key does not parse.
  Result<std::string> AddSSHPublicKey(std::string_view public_key);
  // The stored SSH public keys, ordered by fingerprint.
  Result<std::vector<pki::SshPublicKey>> ListSSHPublicKeys();
  // Removes every stored SSH public key.
  Status DeleteSSHPublicKeys();

  // State-store paths (relative to the Vfs root).
  std::string KeysetPath(std::string_view name) const;
  std::string SSHPublicKeyDir() const;

 private:
  struct Stored {
    Keyset keyset;
    std::string version;
  };
  Result<Stored> Load(const std::string& name);
  Result<Keyset> CreateCA(const std::string& name);
  Result<bool> PrimaryMatches(const Keyset& keyset, const CertificateSpec& spec);
  Result<Keyset> NewPrimary(const CertificateSpec& spec, Keyset keyset);
  Result<pki::PrivateKey> NewKey();
  std::chrono::system_clock::time_point WallNow() const;

  Vfs& vfs_;
  std::string cluster_;
  KeystoreOptions options_;
};

// Checks a keyset or secret name: non-empty, no '/', not "." or "..".
Status ValidateStoreName(std::string_view kind, std::string_view name);

}  // namespace kops::store
