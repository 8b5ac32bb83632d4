@ Every 16-bit Thumb encoding (0x0000-0xE7FF; 0xE800 and up start 32-bit ones), for the GNU
@ disassembler to classify: decode_table_test.cpp compares its UNDEFINED verdicts with ours.
  .syntax unified
  .thumb
  .type all_thumb16, %function
all_thumb16:
  .set encoding, 0
  .rept 0xE800
  .inst.n encoding
  .set encoding, encoding + 1
  .endr
