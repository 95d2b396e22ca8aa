#include "store/s3_vfs.h"

#include <algorithm>
#include <cctype>

#include "awsapi/hash.h"
#include "base/strings.h"

namespace kops::store {
namespace {

using awsapi::S3PutCondition;

bool ValidBucket(const std::string& b) {
  if (b.size() < 3 || b.size() > 63) return false;
  for (char c : b)
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-' && c != '.' && c != '_')
      return false;
  return std::isalnum(static_cast<unsigned char>(b.front())) &&
         std::isalnum(static_cast<unsigned char>(b.back()));
}

Status CheckPath(const std::string& path) {
  if (path.empty() || path.front() == '/' || path.back() == '/')
    return InvalidArgument("state store path \"" + path +
                           "\" must be relative, non-empty and not end with '/'");
  for (const std::string& seg : Split(path, '/'))
    if (seg.empty() || seg == "." || seg == "..")
      return InvalidArgument("state store path \"" + path + "\" has an empty, '.' or '..' segment");
  return Status::Ok();
}

class S3Vfs : public Vfs {
 public:
  S3Vfs(std::string url, S3Location loc, std::shared_ptr<HttpClient> http,
        awsapi::S3Options options, const Clock& clock)
      : url_(std::move(url)),
        loc_(std::move(loc)),
        http_(std::move(http)),
        client_(*http_, std::move(options), clock) {}

  Result<VfsObject> Read(const std::string& path) override {
    RETURN_IF_ERROR(CheckPath(path));
    ASSIGN_OR_RETURN(awsapi::S3Object obj, client_.GetObject(loc_.bucket, Key(path)));
    std::string version = obj.etag.empty() ? "sha256:" + awsapi::Sha256Hex(obj.data) : obj.etag;
    return VfsObject{std::move(obj.data), std::move(version)};
  }

  Result<std::string> Write(const std::string& path, const std::string& data,
                            const WriteCondition& cond) override {
    RETURN_IF_ERROR(CheckPath(path));
    std::string key = Key(path);
    S3PutCondition put;
    if (cond.kind != WriteCondition::Kind::kNone) {
      RETURN_IF_ERROR(PreCheck(key, cond));
      put.kind = cond.kind == WriteCondition::Kind::kMustNotExist
                     ? S3PutCondition::Kind::kIfNoneMatch
                     : S3PutCondition::Kind::kIfMatch;
      put.etag = cond.version;
    }
    auto etag = client_.PutObject(loc_.bucket, key, data, put);
    // S3 answers If-Match on a missing object with 404 NoSuchKey: the version is gone.
    if (!etag.ok() && etag.status().code() == Code::kNotFound &&
        cond.kind == WriteCondition::Kind::kMustMatchVersion)
      return Conflict(Where(path) + " was deleted since version " + cond.version + " was read");
    if (!etag.ok()) return etag.status();
    if (etag->empty()) return "sha256:" + awsapi::Sha256Hex(data);
    return *etag;
  }

  Status Delete(const std::string& path) override {
    RETURN_IF_ERROR(CheckPath(path));
    return client_.DeleteObject(loc_.bucket, Key(path));
  }

  Result<std::vector<std::string>> List(const std::string& prefix) override {
    std::string root = loc_.prefix.empty() ? "" : loc_.prefix + "/";
    ASSIGN_OR_RETURN(auto entries, client_.ListObjects(loc_.bucket, root + prefix));
    std::vector<std::string> out;
    for (auto& e : entries) {
      if (!StartsWith(e.key, root) || e.key.size() == root.size() || EndsWith(e.key, "/")) continue;
      out.push_back(e.key.substr(root.size()));
    }
    std::sort(out.begin(), out.end());
    return out;
  }

  std::string Url() const override { return url_; }

 private:
  std::string Key(const std::string& path) const {
    return loc_.prefix.empty() ? path : loc_.prefix + "/" + path;
  }
  std::string Where(const std::string& path) const { return url_ + "/" + path; }

  // Refuses a conditional write whose condition already fails, for servers that ignore
  // If-Match / If-None-Match. Real S3 enforces the headers atomically as well.
  Status PreCheck(const std::string& key, const WriteCondition& cond) {
    auto etag = client_.HeadObject(loc_.bucket, key);
    bool exists = etag.ok();
    if (!exists && etag.status().code() != Code::kNotFound) return etag.status();
    std::string path = key.substr(loc_.prefix.empty() ? 0 : loc_.prefix.size() + 1);
    if (cond.kind == WriteCondition::Kind::kMustNotExist && exists)
      return Conflict(Where(path) + " already exists (the write required that it did not)");
    if (cond.kind == WriteCondition::Kind::kMustMatchVersion) {
      if (!exists)
        return Conflict(Where(path) + " was deleted since version " + cond.version + " was read");
      if (*etag != cond.version)
        return Conflict(Where(path) + " changed: it is at version " + *etag +
                        ", the write was based on " + cond.version);
    }
    return Status::Ok();
  }

  std::string url_;
  S3Location loc_;
  std::shared_ptr<HttpClient> http_;
  awsapi::S3Client client_;
};

}  // namespace

Result<S3Location> ParseS3Url(const std::string& url) {
  if (!StartsWith(url, "s3://"))
    return InvalidArgument("state store \"" + url +
                           "\" is not an s3:// URL; expected s3://bucket[/prefix]");
  std::string rest = url.substr(5);
  while (!rest.empty() && rest.back() == '/') rest.pop_back();
  auto slash = rest.find('/');
  S3Location loc{rest.substr(0, slash), slash == std::string::npos ? "" : rest.substr(slash + 1)};
  if (!ValidBucket(loc.bucket))
    return InvalidArgument("state store \"" + url + "\": bucket name \"" + loc.bucket +
                           "\" is not valid; expected 3-63 letters, digits, '.', '-' or '_', "
                           "starting and ending with a letter or digit");
  for (const std::string& seg : Split(loc.prefix, '/'))
    if (!loc.prefix.empty() && (seg.empty() || seg == "." || seg == ".."))
      return InvalidArgument("state store \"" + url + "\": prefix \"" + loc.prefix +
                             "\" has an empty, '.' or '..' segment");
  return loc;
}

Result<std::unique_ptr<Vfs>> OpenS3Vfs(const std::string& url) {
  return OpenS3Vfs(url, awsapi::ProcessEnv(), std::shared_ptr<HttpClient>(NewCurlHttpClient()));
}

Result<std::unique_ptr<Vfs>> OpenS3Vfs(const std::string& url, const awsapi::EnvFn& env,
                                       std::shared_ptr<HttpClient> http, const Clock& clock) {
  ASSIGN_OR_RETURN(S3Location loc, ParseS3Url(url));
  auto options = awsapi::S3OptionsFromEnv(env);
  if (!options.ok()) return options.status().WithContext("state store " + url);
  std::string clean = url;
  while (EndsWith(clean, "/")) clean.pop_back();
  return std::unique_ptr<Vfs>(
      std::make_unique<S3Vfs>(clean, std::move(loc), std::move(http), std::move(*options), clock));
}

}  // namespace kops::store
