#include <chrono>
#include <thread>

inline void nap() { std::this_thread::sleep_for(std::chrono::milliseconds(1)); }
