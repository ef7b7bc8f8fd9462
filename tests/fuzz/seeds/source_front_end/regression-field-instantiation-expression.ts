class A {ports = funcAt$<name> 
 m(a: any) {} }