/**
 * The adapters from the workbench's ports to the engine: reading models, their summary and weight
 * values, and whichever of optimize (with fine-tuning: pruning, QAT, clustering), benchmark, eval and report
 * this build's engine has.
 */
package dev.quanta.app.backend;
