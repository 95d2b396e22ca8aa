#include "store/vfs.h"

#include "base/strings.h"
#include "store/file_vfs.h"
#include "store/mem_vfs.h"
#if __has_include("store/s3_vfs.h")
#include "store/s3_vfs.h"
#define KOPS_HAVE_S3 1
#endif

namespace kops::store {

Result<std::unique_ptr<Vfs>> OpenVfs(const std::string& raw_url) {
  std::string url = raw_url;
  while (url.size() > 1 && url.back() == '/' && !EndsWith(url, "://")) url.pop_back();
  if (StartsWith(url, "file://")) {
    std::string path = url.substr(7);
    if (path.empty() || path[0] != '/')
      return InvalidArgument("state store " + QuoteList({raw_url}) +
                             ": a file:// store needs an absolute path, as in file:///var/kops");
    return NewFileVfs(path);
  }
  if (StartsWith(url, "/")) return NewFileVfs(url);
  if (StartsWith(url, "memfs://")) return NewMemVfs(url);
#ifdef KOPS_HAVE_S3
  if (StartsWith(url, "s3://")) return OpenS3Vfs(url);
#endif
  return InvalidArgument("state store " + QuoteList({raw_url}) +
                         " has an unsupported scheme; accepted: file:///path, memfs://name, "
                         "s3://bucket/prefix");
}

}  // namespace kops::store
