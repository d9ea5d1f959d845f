// The startup file of ./aevb jshell: aevb's public API and the classes a learner reaches for first.
import aevb.api.TrainedVae;
import aevb.tensor.Tensor;
import aevb.infer.*;
import aevb.sgvb.Vae;
import aevb.sgvb.VaeConfig;
System.out.println("aevb: TrainedVae vae = TrainedVae.load(\"runs/sample-z20-s1\"); then vae.encode(x), vae.decode(z), vae.sample(n, seed)  (see README, 'From JShell')");
