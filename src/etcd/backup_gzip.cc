#include "etcd/backup_gzip.h"

#include <zlib.h>

namespace kops::etcd {

namespace {
constexpr int kGzipWindow = 15 + 16;  // 15-bit window, gzip header
constexpr size_t kChunk = 64 * 1024;
}  // namespace

std::string GzipCompress(std::string_view data) {
  z_stream z{};
  deflateInit2(&z, Z_DEFAULT_COMPRESSION, Z_DEFLATED, kGzipWindow, 8, Z_DEFAULT_STRATEGY);
  std::string out;
  out.resize(deflateBound(&z, data.size()) + 32);
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  z.avail_in = static_cast<uInt>(data.size());
  z.next_out = reinterpret_cast<Bytef*>(out.data());
  z.avail_out = static_cast<uInt>(out.size());
  deflate(&z, Z_FINISH);  // the buffer is deflateBound-sized: one call finishes
  out.resize(z.total_out);
  deflateEnd(&z);
  return out;
}

Result<std::string> GzipDecompress(std::string_view data) {
  z_stream z{};
  if (inflateInit2(&z, kGzipWindow) != Z_OK) return Internal("gzip: inflateInit failed");
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  z.avail_in = static_cast<uInt>(data.size());
  std::string out;
  int rc = Z_OK;
  while (rc == Z_OK) {
    size_t have = out.size();
    out.resize(have + kChunk);
    z.next_out = reinterpret_cast<Bytef*>(out.data() + have);
    z.avail_out = kChunk;
    rc = inflate(&z, Z_NO_FLUSH);
    out.resize(have + kChunk - z.avail_out);
    if (rc == Z_BUF_ERROR && z.avail_in == 0) break;
  }
  inflateEnd(&z);
  if (rc != Z_STREAM_END) {
    return InvalidArgument("gzip: not a complete gzip stream (" + std::to_string(data.size()) +
                           " bytes)");
  }
  return out;
}

}  // namespace kops::etcd
