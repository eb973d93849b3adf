// Eigen's ColPivHouseholderQR on each matrix of a binary file (int64 count, then per matrix int64 n, int64 p and
// n × p column-major doubles): one line per matrix with rank, the pivot order and the FNV-1a fingerprint of m_qr.
// Built by generate.ts against RcppEigen's Eigen 3.3.9 with R's flags (g++ -O2, x86-64 SSE2), as estimatr is.
#include <Eigen/Dense>
#include <cstdint>
#include <cstdio>
#include <cstring>

int main(int argc, char** argv) {
  FILE* in = std::fopen(argv[1], "rb");
  int64_t count;
  if (!in || std::fread(&count, 8, 1, in) != 1) return 1;
  for (int64_t m = 0; m < count; m++) {
    int64_t dims[2];
    if (std::fread(dims, 8, 2, in) != 2) return 1;
    Eigen::MatrixXd x(dims[0], dims[1]);
    if (std::fread(x.data(), 8, x.size(), in) != static_cast<size_t>(x.size())) return 1;
    Eigen::ColPivHouseholderQR<Eigen::MatrixXd> qr(x);
    uint64_t h = 0xcbf29ce484222325ULL;
    for (Eigen::Index i = 0; i < qr.matrixQR().size(); i++) {
      uint64_t bits;
      std::memcpy(&bits, qr.matrixQR().data() + i, 8);
      h = (h ^ bits) * 0x100000001b3ULL;
    }
    std::printf("%ld", static_cast<long>(qr.rank()));
    for (Eigen::Index i = 0; i < qr.colsPermutation().indices().size(); i++) std::printf(" %d", qr.colsPermutation().indices()(i));
    std::printf(" %016llx\n", static_cast<unsigned long long>(h));
  }
  return 0;
}
