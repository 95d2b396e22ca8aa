// SSH public keys as kops handles them: parsing an OpenSSH "ssh-rsa AAAA... comment"
// line, the fingerprints kops computes, and the AWS key-pair name kops derives.
//
// Fingerprint rules (kops pkg/pki/sshkey.go, pkg/sshcredentials):
//   OpenSSH MD5  = colon-hex MD5 of the key blob (the base64-decoded second field).
//                  kops names the AWS key pair "kubernetes.<cluster>-<this>" and stores
//                  the key in the state store under this fingerprint without colons.
//   AWS          = what EC2 reports for an imported key: for RSA the colon-hex MD5 of the
//                  DER SubjectPublicKeyInfo; for ed25519 "SHA256:" + unpadded base64 of
//                  the SHA-256 of the blob. Other key types cannot be imported into AWS.
#pragma once

#include <string>
#include <string_view>

#include "base/status.h"

namespace kops::pki {

struct SshPublicKey {
  std::string algorithm;  // the type named inside the blob, e.g. "ssh-rsa", "ssh-ed25519"
  std::string blob;       // SSH wire-format public key
  std::string comment;    // the rest of the line after the key, may be empty
};

// Parses "<type> <base64 blob> [comment]" (surrounding whitespace ignored). Accepted key
// types: ssh-rsa, ssh-dss, ssh-ed25519, ecdsa-sha2-nistp256/384/521. InvalidArgument
// names what is wrong (missing field, bad base64, malformed or unsupported blob).
Result<SshPublicKey> ParseSshPublicKey(std::string_view line);

// "<algorithm> <base64 blob>[ <comment>]".
std::string ToAuthorizedKeyLine(const SshPublicKey& key);

// "c4:a6:ed:...": kops' ComputeOpenSSHKeyFingerprint.
std::string OpenSshMd5Fingerprint(const SshPublicKey& key);
// "SHA256:<unpadded base64>": what `ssh-keygen -l` prints today.
std::string OpenSshSha256Fingerprint(const SshPublicKey& key);
// kops' ComputeAWSKeyFingerprint; InvalidArgument for key types AWS cannot import.
Result<std::string> AwsFingerprint(const SshPublicKey& key);

// "kubernetes.<cluster>-<OpenSSH MD5 fingerprint>": the AWS key pair kops creates.
std::string AwsKeyPairName(std::string_view cluster_name, const SshPublicKey& key);

}  // namespace kops::pki
