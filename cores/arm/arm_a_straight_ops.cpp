// Which decoded entries the A-profile run loop may run as straight stretches
// (DecodedArm::straight, ArmA::mark_straight): the ops that never write the PC, and the
// forms of the ops found inside IT blocks that take the decoded ITSTATE themselves
// (DecodedOps::in_it_block).
#include <array>

#include "cores/arm/arm_a_decoded_ops.h"

namespace anvil::arm {

namespace {

using Ops = DecodedOps;

// ArmA::horizon_: an instruction run by a specialised op costs at most 2^kHorizonShift
// cycles (one, and the extras of its form: an access, a taken branch, LDM/STM of 16
// registers, a multiply-accumulate).
constexpr unsigned kMostCycles = 1u << ArmA::kHorizonShift;
static_assert(1 + m3_timing::multiple_extra(16) + 1 < kMostCycles);
constexpr bool bounded(const ArmATiming& t) {
  return 1 + t.branch + t.load + t.store + 16 * t.per_register + t.multiply < kMostCycles;
}
static_assert(bounded(kArm7tdmiTiming) && bounded(kArm926Timing) && bounded(kArm1176Timing) &&
              bounded(kCortexA7Timing) && bounded(kCortexA15Timing));

// The ops found inside IT blocks (callgrind over bench.c: compares, moves, adds and
// subtracts, negations, loads and stores), with their in_it_block forms.
struct ItBlockForm {
  DecodedOp op, in_block;
};
template <DecodedOp Op>
constexpr ItBlockForm it_block_form() {
  return {Op, &Ops::in_it_block<Op>};
}
template <bool Subtract, bool RegisterOperand>
constexpr std::array<ItBlockForm, 2> t16_sums() {
  return {it_block_form<&Ops::t16_add_subtract<Subtract, RegisterOperand, false>>(),
          it_block_form<&Ops::t16_add_subtract<Subtract, RegisterOperand, true>>()};
}
constexpr auto kItBlockForms = [] {
  constexpr std::array kSums{t16_sums<false, false>(), t16_sums<false, true>(),
                             t16_sums<true, false>(), t16_sums<true, true>()};
  constexpr std::array kOthers{
      it_block_form<&Ops::t16_move_immediate>(),
      it_block_form<&Ops::t16_negate>(),
      it_block_form<&Ops::move_register>(),
      it_block_form<&Ops::add_register>(),
      it_block_form<&Ops::add_immediate>(),
      it_block_form<&Ops::set_immediate>(),
      it_block_form<&Ops::t16_load<4, false, false>>(),
      it_block_form<&Ops::t16_load<1, false, false>>(),
      it_block_form<&Ops::t16_store<4, false>>(),
      it_block_form<&Ops::t16_store<1, false>>(),
      it_block_form<&Ops::t32_load<4, false, Indexing::Offset>>(),
      it_block_form<&Ops::t32_load<4, false, Indexing::PostIndexed>>(),
      it_block_form<&Ops::t32_store<4, Indexing::Offset>>(),
      it_block_form<&Ops::t32_sum_immediate<Sum::Add, false>>(),
      it_block_form<&Ops::t32_sum_immediate<Sum::Sub, false>>(),
      it_block_form<&Ops::t32_sum_immediate<Sum::Rsb, false>>(),
      it_block_form<&Ops::t32_sum_immediate<Sum::Sub, true>>(),
      it_block_form<&Ops::logical_immediate<Logic::Mov, false>>(),
  };
  std::array<ItBlockForm, 2 * kSums.size() + kOthers.size()> all{};
  std::size_t i = 0;
  for (const auto& pair : kSums)
    for (const ItBlockForm& f : pair) all[i++] = f;
  for (const ItBlockForm& f : kOthers) all[i++] = f;
  return all;
}();

}  // namespace

DecodedOp DecodedOps::in_it_block_form(DecodedOp op) {
  for (const ItBlockForm& f : kItBlockForms)
    if (f.op == op) return f.in_block;
  return nullptr;
}

bool DecodedOps::keeps_pc(const DecodedArm& d) {
  // Every op that writes next_pc_ or calls a *_write_pc, and those that run the handler.
  constexpr std::array<DecodedOp, 9> kMayWritePc{
      &run_handler,         &run_handler_if_passed, &if_then_leaving_run,
      &thumb_branch<true>,  &thumb_branch<false>,   &thumb_branch_link,
      &compare_branch_zero, &branch_exchange,       &branch_link_exchange,
  };
  for (const DecodedOp op : kMayWritePc)
    if (d.execute == op) return false;
  const bool loads_multiple =
      d.execute == &transfer_multiple<true, false> || d.execute == &transfer_multiple<true, true>;
  return !(loads_multiple && ((d.imm >> 15) & 1));
}

}  // namespace anvil::arm
