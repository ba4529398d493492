#include "remote.h"
#include <chrono>
#include <thread>

void remoteBlocks() { std::this_thread::sleep_for(std::chrono::seconds(1)); }
void remoteHarmless() {}
void Slow::process() { std::this_thread::sleep_for(std::chrono::seconds(1)); }
void Quick::process() {}
